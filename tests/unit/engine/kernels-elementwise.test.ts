/**
 * The WebAssembly relu and tanh kernels (simd-elementwise.ts via elementwise.ts) against the
 * TypeScript loops they replace, which must give the same float32 values (a NaN may differ in its payload bits), and their gradients
 * against finite differences of the forward on arrays long enough to take the WebAssembly path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reluBackward, reluForward, tanhBackward, tanhForward } from '../../../src/lib/engine/kernels/elementwise';
import { setSimdEnabled, simdKernels } from '../../../src/lib/engine/kernels/workspace';
import { relu, tanh } from '../../../src/lib/engine/ops/activation';
import { sum } from '../../../src/lib/engine/ops/reduce';
import { Tape } from '../../../src/lib/engine/tape';
import { param } from '../../../src/lib/engine/tensor';
import { randomArray } from './kernels-reference';

afterEach(() => setSimdEnabled(true));

/** Random values spread over [-12, 12] (both tanh tails) with the edge cases planted in. */
function inputs(n: number, seed: number): Float32Array {
  const x = randomArray(n, seed).map((v) => 12 * v);
  const special = [0, -0, 9, -9, Math.fround(8.999999), -Math.fround(8.999999), NaN, Infinity, -Infinity, 1e-30, -1e-30, 3e38];
  for (let i = 0; i < special.length && i < n; i++) x[(i * 7919) % n] = special[i];
  return x;
}

/** Runs `f` with the WebAssembly kernels on and off and returns both outputs. */
function bothWays(f: () => Float32Array): [Float32Array, Float32Array] {
  setSimdEnabled(true);
  const fast = f();
  setSimdEnabled(false);
  const slow = f();
  setSimdEnabled(true);
  return [fast, slow];
}

/** Where two arrays differ, as [index, one, other]; Object.is, so any NaN equals NaN and −0 differs from +0. */
function differences(a: Float32Array, b: Float32Array): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push([i, a[i], b[i]]);
  return out;
}

describe('WebAssembly relu and tanh', () => {
  it('are available here (Node 20 has SIMD), so the tests below exercise them', () => {
    expect(simdKernels()).not.toBeNull();
  });

  for (const n of [128, 129, 130, 131, 1000, 4099]) {
    it(`forward and backward give the TypeScript loops' values exactly (${n} elements)`, () => {
      const x = inputs(n, n), g = inputs(n, n + 1), gx0 = randomArray(n, n + 2);
      const y = new Float32Array(n);
      tanhForward(x, y);
      const run = (kernel: (x: Float32Array, out: Float32Array) => void) => bothWays(() => {
        const out = new Float32Array(n);
        kernel(x, out);
        return out;
      });
      const grad = (kernel: (g: Float32Array, a: Float32Array, gx: Float32Array) => void, a: Float32Array) => bothWays(() => {
        const gx = gx0.slice();
        kernel(g, a, gx);
        return gx;
      });
      const pairs = { relu: run(reluForward), tanh: run(tanhForward), reluGrad: grad(reluBackward, x), tanhGrad: grad(tanhBackward, y) };
      for (const [name, [fast, slow]] of Object.entries(pairs)) expect([name, differences(fast, slow)]).toEqual([name, []]);
    });
  }

  it('tanh keeps the saturated tails and NaN', () => {
    const x = new Float32Array(200).fill(20);
    x[1] = -20; x[2] = NaN; x[3] = 9; x[4] = -9;
    const y = new Float32Array(200);
    tanhForward(x, y);
    expect([y[0], y[1], y[3], y[4]]).toEqual([1, -1, 1, -1]);
    expect(y[2]).toBeNaN();
  });

  it('give the gradients finite differences of the forward give (arrays on the WebAssembly path)', () => {
    const n = 300, h = 1e-3;
    const x0 = randomArray(n, 7).map((v) => (Math.abs(v) < 0.01 ? v + 0.05 : 2 * v)); // no kink at 0 for relu
    const w = randomArray(n, 8);
    for (const op of [relu, tanh]) {
      const loss = (values: Float32Array): number => {
        const tape = new Tape({ record: false });
        const y = op(tape, param(values.slice(), [n])).data;
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * y[i];
        return s;
      };
      const tape = new Tape();
      const x = param(x0.slice(), [n]);
      const y = op(tape, x);
      // Σ w·y as the loss, through a weighted sum the tape records: seed ∂L/∂y = w
      tape.backward(sum(tape, y), { seed: 1 });
      const plain = x.grad!.slice();
      const tape2 = new Tape();
      const x2 = param(x0.slice(), [n]);
      tape2.backward(op(tape2, x2), { seed: w });
      for (const i of [0, 1, 2, 57, 128, 299]) {
        const up = x0.slice(), down = x0.slice();
        up[i] += h; down[i] -= h;
        const fd = (loss(up) - loss(down)) / (2 * h);
        expect(x2.grad![i]).toBeCloseTo(fd, 2);
        expect(plain[i]).toBeCloseTo(op === relu ? +(x0[i] > 0) : 1 - y.data[i] ** 2, 5);
      }
    }
  });
});
