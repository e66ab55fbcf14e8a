import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { batchNorm, batchNormTensors, createBatchNorm } from '../../../src/lib/engine/ops/batchnorm';
import { Tape } from '../../../src/lib/engine/tape';
import { finiteDifferenceError, randomTensor } from './conv-helpers';
import { worstError } from './kernels-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bnCase = fc.record({
  shape: fc.oneof(
    fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 5 })).map(([n, c]) => [n, c]),
    fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .map(([n, h, w, c]) => [n, h, w, c])
  ),
  seed: fc.integer({ min: 0, max: 1e9 })
});

/** A layer with non-trivial γ, β and running statistics. */
function layer(C: number, seed: number) {
  const bn = createBatchNorm(C, 'bn', { momentum: 0.9, eps: 1e-3 });
  const g = randomTensor([C], seed), b = randomTensor([C], seed + 1), m = randomTensor([C], seed + 2), v = randomTensor([C], seed + 3);
  for (let c = 0; c < C; c++) {
    bn.gamma.data[c] = 1 + 0.5 * g.data[c];
    bn.beta.data[c] = b.data[c];
    bn.runningMean.data[c] = m.data[c];
    bn.runningVar.data[c] = 0.5 + Math.abs(v.data[c]);
  }
  return bn;
}

function input(shape: number[], seed: number) {
  const x = randomTensor(shape, seed, true);
  for (let i = 0; i < x.size; i++) x.data[i] = 2 * x.data[i] + 0.5;
  return x;
}

describe('batchNorm op', () => {
  for (const training of [true, false]) {
    it(`${training ? 'training' : 'inference'} mode: gradients of x, γ, β match finite differences`, () => {
      fc.assert(
        fc.property(bnCase, ({ shape, seed }) => {
          const C = shape[shape.length - 1];
          const bn = layer(C, seed);
          const x = input(shape, seed + 4);
          const momentumOff = { ...bn, momentum: 1 }; // keep running stats fixed while probing
          const f = (tape: Tape) => batchNorm(tape, x, momentumOff, training);
          expect(finiteDifferenceError(f, [x, bn.gamma, bn.beta], seed + 5, 2e-3, 3e-3, 3e-3)).toBeLessThanOrEqual(1);
        }),
        { numRuns: 25 }
      );
    });

    it(`${training ? 'training' : 'inference'} mode: forward and gradients match tf.batchNorm`, () => {
      fc.assert(
        fc.property(bnCase, ({ shape, seed }) => {
          const C = shape[shape.length - 1];
          const bn = layer(C, seed);
          const x = input(shape, seed + 4);
          const rm = Float32Array.from(bn.runningMean.data), rv = Float32Array.from(bn.runningVar.data);
          const tape = new Tape();
          const y = batchNorm(tape, x, bn, training);
          const dy = randomTensor(shape, seed + 5);
          tape.backward(y, { seed: dy.data });

          const axes = shape.slice(0, -1).map((_, i) => i);
          const f = (tx: tf.Tensor, tg: tf.Tensor, tb: tf.Tensor) => {
            if (!training) return tf.batchNorm(tx, tf.tensor1d(rm), tf.tensor1d(rv), tb, tg, bn.eps);
            const { mean, variance } = tf.moments(tx, axes);
            return tf.batchNorm(tx, mean, variance, tb, tg, bn.eps);
          };
          const tx = tf.tensor(Float32Array.from(x.data), shape);
          const tg = tf.tensor1d(Float32Array.from(bn.gamma.data)), tb = tf.tensor1d(Float32Array.from(bn.beta.data));
          const ty = f(tx, tg, tb);
          const [gx, gg, gb] = tf.grads(f)([tx, tg, tb], tf.tensor(dy.data, shape));
          const close = (got: Float32Array, want: tf.Tensor) => worstError(got, Float64Array.from(want.dataSync()), null, 1e-4, 1e-4);
          expect(close(y.data, ty)).toBeLessThanOrEqual(1);
          expect(close(x.grad!, gx)).toBeLessThanOrEqual(1);
          expect(close(bn.gamma.grad!, gg)).toBeLessThanOrEqual(1);
          expect(close(bn.beta.grad!, gb)).toBeLessThanOrEqual(1);

          if (training) {
            // running ← 0.9·running + 0.1·batch (Keras convention, biased batch variance)
            const { mean, variance } = tf.moments(tx, axes);
            const m = mean.dataSync(), v = variance.dataSync();
            expect(worstError(bn.runningMean.data, rm.map((r, c) => 0.9 * r + 0.1 * m[c]), null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
            expect(worstError(bn.runningVar.data, rv.map((r, c) => 0.9 * r + 0.1 * v[c]), null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
            tf.dispose([mean, variance]);
          } else {
            expect(Array.from(bn.runningMean.data)).toEqual(Array.from(rm));
            expect(Array.from(bn.runningVar.data)).toEqual(Array.from(rv));
          }
          tf.dispose([tx, tg, tb, ty, gx, gg, gb]);
        }),
        { numRuns: 30 }
      );
    });
  }

  it('keeps its running statistics in named plain tensors, saved alongside γ and β', () => {
    const bn = createBatchNorm(3, 'block1.bn');
    const names = batchNormTensors(bn).map((t) => t.name);
    expect(names).toEqual(['block1.bn.gamma', 'block1.bn.beta', 'block1.bn.running_mean', 'block1.bn.running_var']);
    expect(bn.runningMean.requiresGrad).toBe(false);
    expect(bn.runningVar.requiresGrad).toBe(false);
    expect(bn.gamma.requiresGrad).toBe(true);
    expect(Array.from(bn.runningVar.data)).toEqual([1, 1, 1]);
  });

  it('refuses a training batch with one row per channel, and a channel mismatch', () => {
    const bn = createBatchNorm(2);
    expect(() => batchNorm(new Tape(), randomTensor([1, 2], 1), bn, true)).toThrow(/2 rows/);
    expect(() => batchNorm(new Tape(), randomTensor([4, 3], 1), bn, true)).toThrow(/channels/);
  });
});
