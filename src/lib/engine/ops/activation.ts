/**
 * Nonlinearities: tanh, sigmoid, relu (elementwise) and softmax, log-softmax (over the last axis).
 * Each backward uses the forward's output where the derivative is a function of it
 * (tanh' = 1 − y², σ' = y(1 − y)), so nothing is recomputed. tanh uses the rational
 * approximation in fastmath.ts (float32-exact to within a unit in the last place, 4× faster);
 * relu and tanh run in WebAssembly SIMD on long arrays (kernels/elementwise.ts).
 */
import { reluBackward, reluForward, tanhBackward, tanhForward } from '../kernels/elementwise';
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';
import { unary } from './unary';

export function tanh(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'tanh', x, tanhForward, (G, GA, _A, O) => tanhBackward(G, O, GA));
}

export function sigmoid(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'sigmoid', x,
    (A, O) => {
      for (let i = 0; i < O.length; i++) {
        // Two branches so exp never overflows: for a < 0, σ(a) = e^a / (1 + e^a).
        const a = A[i];
        if (a >= 0) O[i] = 1 / (1 + Math.exp(-a));
        else {
          const e = Math.exp(a);
          O[i] = e / (1 + e);
        }
      }
    },
    (G, GA, _A, O) => { for (let i = 0; i < G.length; i++) GA[i] += G[i] * O[i] * (1 - O[i]); });
}

/** max(0, x); the gradient at exactly 0 is taken as 0. */
export function relu(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'relu', x, reluForward, (G, GA, A) => reluBackward(G, A, GA));
}

/** A last-axis op's set-up: rows of n entries (a 0-d tensor is one row of one), input and output. */
function lastAxis(tape: Tape, x: Tensor): { n: number; rows: number; out: Tensor; A: Float32Array; O: Float32Array } {
  const n = x.shape[x.ndim - 1] ?? 1;
  const out = tape.output(x.shape);
  return { n, rows: n === 0 ? 0 : x.size / n, out, A: x.data, O: out.data };
}

/**
 * The largest of A[base … base + n). A row that is entirely −∞ (all masked) has no meaningful
 * max: its outputs are set to `masked` here, and −∞ comes back so the caller skips the row.
 */
function rowMaxOr(A: Float32Array, O: Float32Array, base: number, n: number, masked: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) if (A[base + j] > m) m = A[base + j];
  if (m === -Infinity) O.fill(masked, base, base + n);
  return m;
}

/**
 * Softmax over the last axis, computed as exp(x − max) / Σ exp(x − max) so large logits do not
 * overflow. Entries of −∞ (masked positions) get probability 0; a row that is entirely −∞ gets all
 * zeros rather than NaN.
 */
export function softmax(tape: Tape, x: Tensor): Tensor {
  const { n, rows, out, A, O } = lastAxis(tape, x);
  for (let r = 0, base = 0; r < rows; r++, base += n) {
    const m = rowMaxOr(A, O, base, n, 0);
    if (m === -Infinity) continue;
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(A[base + j] - m);
      O[base + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) O[base + j] *= inv;
  }
  tape.record('softmax', [x], out, () => {
    // ∂x_j = y_j (g_j − Σ_k g_k y_k)
    const G = out.grad!, GA = x.grad!;
    for (let r = 0, base = 0; r < rows; r++, base += n) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += G[base + j] * O[base + j];
      for (let j = 0; j < n; j++) GA[base + j] += O[base + j] * (G[base + j] - dot);
    }
  });
  return out;
}

/**
 * log softmax over the last axis: x − max − log Σ exp(x − max). Masked (−∞) entries stay −∞ and
 * receive no gradient.
 */
export function logSoftmax(tape: Tape, x: Tensor): Tensor {
  const { n, rows, out, A, O } = lastAxis(tape, x);
  for (let r = 0, base = 0; r < rows; r++, base += n) {
    const m = rowMaxOr(A, O, base, n, -Infinity);
    if (m === -Infinity) continue;
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(A[base + j] - m);
    const lse = m + Math.log(s);
    for (let j = 0; j < n; j++) O[base + j] = A[base + j] - lse;
  }
  tape.record('logSoftmax', [x], out, () => {
    // ∂x_j = g_j − softmax_j · Σ_k g_k, with softmax_j = exp(y_j)
    const G = out.grad!, GA = x.grad!;
    for (let r = 0, base = 0; r < rows; r++, base += n) {
      let s = 0;
      for (let j = 0; j < n; j++) s += G[base + j];
      for (let j = 0; j < n; j++) {
        const y = O[base + j];
        if (y !== -Infinity) GA[base + j] += G[base + j] - Math.exp(y) * s;
      }
    }
  });
  return out;
}
