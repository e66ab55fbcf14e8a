/**
 * Shared checks for the convolution-family op tests: central finite differences through the tape,
 * and conversions to and from TensorFlow.js (the oracle, cpu backend).
 */
import { Tape } from '../../../src/lib/engine/tape';
import { Tensor } from '../../../src/lib/engine/tensor';
import { randomArray } from './kernels-reference';
import { numericGradient } from '../support/finite-differences';

/**
 * Checks every input's gradient of L = Σ r·f(inputs) (r fixed random weights, so every output
 * element matters) against central differences (f(x + h) − f(x − h)) / 2h, with the loss summed
 * in float64. Returns the worst |analytic − numeric| / (atol + rtol·|numeric|); ≤ 1 passes.
 */
export function finiteDifferenceError(
  f: (tape: Tape) => Tensor, inputs: Tensor[], seed: number, h: number, rtol: number, atol: number
): number {
  const tape = new Tape();
  const y = f(tape);
  const r = randomArray(y.size, seed);
  tape.backward(y, { seed: r });
  const analytic = inputs.map((t) => Float64Array.from(t.grad!));
  const loss = (): number => {
    const out = f(new Tape({ record: false }));
    let s = 0;
    for (let i = 0; i < out.size; i++) s += r[i] * out.data[i];
    return s;
  };
  let worst = 0;
  inputs.forEach((t, ti) => {
    const numeric = numericGradient(loss, t.data, h);
    for (let i = 0; i < t.size; i++) {
      const e = Math.abs(analytic[ti][i] - numeric[i]) / (atol + rtol * Math.abs(numeric[i]));
      if (!(e <= worst)) worst = e;
    }
  });
  return worst;
}

/** A seeded tensor with values in [-1, 1). */
export function randomTensor(shape: number[], seed: number, requiresGrad = false): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(randomArray(size, seed), shape, requiresGrad);
}
