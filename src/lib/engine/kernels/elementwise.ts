import { tanhf } from '../fastmath';
import type { Simd } from './simd';
import { simdKernels } from './workspace';

/**
 * relu and tanh, forward and backward, over whole arrays: in WebAssembly SIMD (simd-elementwise.ts)
 * when it is available and the array is long enough to repay the copies into and out of its
 * memory, else the TypeScript loops below, which are the reference (the two give the same floats).
 * Backward passes add into the gradient, the tape's rule.
 */

/** Below this many elements the copies and calls cost more than the loop. */
const SIMD_MIN = 128;

const round4 = (n: number): number => (n + 3) & ~3;

/** y = f(x) by the kernel `name`: x copied in, y copied out. */
function viaSimd(fast: Simd, name: 'relu' | 'tanh', x: Float32Array, y: Float32Array): void {
  const n = x.length, yo = round4(n);
  const m = fast.reserve(2 * yo);
  m.set(x, 0);
  fast[name](0, yo, n);
  y.set(m.subarray(yo, yo + n));
}

/** gx += the kernel `name`'s gradient from g and a forward array a: all three copied in, gx out. */
function gradViaSimd(fast: Simd, name: 'reluGrad' | 'tanhGrad', g: Float32Array, a: Float32Array, gx: Float32Array): void {
  const n = g.length, n4 = round4(n);
  const m = fast.reserve(3 * n4);
  m.set(g, 0);
  m.set(a, n4);
  m.set(gx, 2 * n4);
  fast[name](0, n4, 2 * n4, n);
  gx.set(m.subarray(2 * n4, 2 * n4 + n));
}

/** The WebAssembly kernels if they are worth calling for n elements. */
function simdFor(n: number): Simd | null {
  return n >= SIMD_MIN ? simdKernels() : null;
}

/** y = max(x, 0). */
export function reluForward(x: Float32Array, y: Float32Array): void {
  const fast = simdFor(x.length);
  if (fast) return viaSimd(fast, 'relu', x, y);
  // Branch-free on purpose: random signs make a per-element branch mispredict about half the time.
  for (let i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0);
}

/** gx += g · (x > 0): the gradient at exactly 0 is taken as 0. */
export function reluBackward(g: Float32Array, x: Float32Array, gx: Float32Array): void {
  const fast = simdFor(g.length);
  if (fast) return gradViaSimd(fast, 'reluGrad', g, x, gx);
  for (let i = 0; i < g.length; i++) gx[i] += g[i] * +(x[i] > 0);
}

/** y = tanh(x), by the rational approximation of fastmath.ts. */
export function tanhForward(x: Float32Array, y: Float32Array): void {
  const fast = simdFor(x.length);
  if (fast) return viaSimd(fast, 'tanh', x, y);
  for (let i = 0; i < x.length; i++) y[i] = tanhf(x[i]);
}

/** gx += g · (1 − y²), from the forward's output y. */
export function tanhBackward(g: Float32Array, y: Float32Array, gx: Float32Array): void {
  const fast = simdFor(g.length);
  if (fast) return gradViaSimd(fast, 'tanhGrad', g, y, gx);
  for (let i = 0; i < g.length; i++) gx[i] += g[i] * (1 - y[i] * y[i]);
}
