/**
 * The two checks every op goes through.
 *
 * Both run the engine on the case's float32 inputs, then run a backward sweep seeded with fixed
 * random weights w (so the checked scalar is L = Σ w · output and every output element matters).
 *
 * checkFiniteDifferences: forward values against the float64 reference; gradients against
 * central differences (L(x + h) − L(x − h)) / 2h of the float64 reference with h = 1e-5, whose
 * own error (~h² and ~1e-16/h) is far below the tolerance, so what is measured is the engine's
 * float32 rounding plus any real error.
 *
 * checkTf: forward values and gradients (tf.grads with the same w as dy) against TensorFlow.js on
 * the cpu backend, both in float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng, Tape, Tensor } from '$lib/engine';
import type { OpCase, Tol } from './op-cases';
import type { R } from './ref64';
import { numericGradient } from '../../support/finite-differences';

export const DEFAULT_FD = { forward: { rtol: 1e-5, atol: 1e-5 }, grad: { rtol: 1e-3, atol: 1e-4 } };
export const DEFAULT_TF = { forward: { rtol: 1e-5, atol: 1e-5 }, grad: { rtol: 1e-4, atol: 1e-5 } };

/** Throws on the first element where |actual − expected| > atol + rtol·|expected| (equal ±∞ pass). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tol, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], e = expected[i];
    if (a === e) continue;
    const err = Math.abs(a - e);
    if (!(err <= tol.atol + tol.rtol * Math.abs(e))) {
      throw new Error(`${what}: element ${i} is ${a}, expected ${e} (|diff| ${err.toExponential(2)}, tol ${tol.atol} + ${tol.rtol}·|e|)`);
    }
  }
}

function weights(n: number, seed: number): Float32Array {
  const rng = new Rng(seed ^ 0x5eed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

function runEngine(c: OpCase, seed: number): { out: Tensor; xs: Tensor[]; w: Float32Array } {
  const tape = new Tape();
  const xs = c.inputs.map((i) => new Tensor(i.data.slice(), i.shape, i.grad));
  const out = c.engine(tape, xs);
  const w = weights(out.size, seed);
  if (out.requiresGrad) tape.backward(out, { seed: w });
  return { out, xs, w };
}

export function checkFiniteDifferences(c: OpCase, seed: number, tol = DEFAULT_FD): void {
  const { out, xs, w } = runEngine(c, seed);
  const base: R[] = c.inputs.map((i) => ({ shape: i.shape, data: Float64Array.from(i.data) }));
  const y = c.ref(base);
  if (JSON.stringify(out.shape) !== JSON.stringify(y.shape)) {
    throw new Error(`${c.note}: shape [${out.shape}], reference [${y.shape}]`);
  }
  assertClose(out.data, y.data, tol.forward, `${c.note}: forward`);
  // Outputs that are ±∞ (masked scores) are constant in the inputs: leave them out of L.
  const finite = Array.from(y.data, (v) => Number.isFinite(v));
  const L = (xs64: R[]): number => {
    const o = c.ref(xs64).data;
    let s = 0;
    for (let j = 0; j < o.length; j++) if (finite[j]) s += w[j] * o[j];
    return s;
  };
  const h = 1e-5;
  c.inputs.forEach((inp, k) => {
    if (!inp.grad) return;
    const xs64 = base.map((b) => ({ shape: b.shape, data: b.data.slice() }));
    const numeric = numericGradient(() => L(xs64), xs64[k].data, h);
    const analytic = xs[k].grad ?? new Float32Array(numeric.length);
    assertClose(analytic, numeric, tol.grad, `${c.note}: gradient of input ${k}`);
  });
}

export function checkTf(c: OpCase, seed: number, tol = DEFAULT_TF, compareGrads = true): void {
  const { out, xs, w } = runEngine(c, seed);
  tf.tidy(() => {
    const inputs = c.inputs.map((i) => tf.tensor(i.data, i.shape));
    const y = c.tf(inputs);
    if (JSON.stringify(out.shape) !== JSON.stringify(y.shape)) {
      throw new Error(`${c.note}: shape [${out.shape}], TF.js [${y.shape}]`);
    }
    assertClose(out.data, y.dataSync(), tol.forward, `${c.note}: forward vs TF.js`);
    if (!compareGrads) return;
    const wrt = c.inputs.map((i, k) => (i.grad ? k : -1)).filter((k) => k >= 0);
    const f = (...vars: tf.Tensor[]) => c.tf(inputs.map((t, k) => (wrt.includes(k) ? vars[wrt.indexOf(k)] : t)));
    const grads = tf.grads(f)(wrt.map((k) => inputs[k]), tf.tensor(w, y.shape));
    wrt.forEach((k, n) => {
      assertClose(xs[k].grad ?? new Float32Array(xs[k].size), grads[n].dataSync(), tol.grad, `${c.note}: gradient of input ${k} vs TF.js`);
    });
  });
}
