import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { conv2d } from '../../../src/lib/engine/ops/conv';
import { Tape } from '../../../src/lib/engine/tape';
import { finiteDifferenceError, randomTensor } from './conv-helpers';
import { worstError } from './kernels-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small random convolutions: odd sizes, strides 1-2, 'same'/'valid' or explicit padding. */
const convCase = fc
  .record({
    N: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 3, max: 7 }),
    W: fc.integer({ min: 3, max: 7 }),
    C: fc.integer({ min: 1, max: 4 }),
    CO: fc.integer({ min: 1, max: 5 }),
    K: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom<'same' | 'valid' | 1>('same', 'valid', 1),
    bias: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1e9 })
  });

describe('conv2d op', () => {
  it('gradients for x, w and bias match central finite differences', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const x = randomTensor([c.N, c.H, c.W, c.C], c.seed, true);
        const w = randomTensor([c.K, c.K, c.C, c.CO], c.seed + 1, true);
        const b = c.bias ? randomTensor([c.CO], c.seed + 2, true) : null;
        const f = (tape: Tape) => conv2d(tape, x, w, b, { stride: c.stride, padding: c.padding });
        // conv is linear in each input, so central differences are exact up to float32 rounding
        const err = finiteDifferenceError(f, b ? [x, w, b] : [x, w], c.seed + 3, 1e-2, 1e-3, 1e-3);
        expect(err).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25 }
    );
  });

  it('forward and gradients match TensorFlow.js tf.conv2d (NHWC, HWIO filters)', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const x = randomTensor([c.N, c.H, c.W, c.C], c.seed, true);
        const w = randomTensor([c.K, c.K, c.C, c.CO], c.seed + 1, true);
        const b = randomTensor([c.CO], c.seed + 2, true);
        const tape = new Tape();
        const y = conv2d(tape, x, w, b, { stride: c.stride, padding: c.padding });
        const dy = randomTensor(y.shape.slice(), c.seed + 3);
        tape.backward(y, { seed: dy.data });

        type Explicit = [[number, number], [number, number], [number, number], [number, number]];
        const pad = c.padding === 1 ? ([[0, 0], [1, 1], [1, 1], [0, 0]] as Explicit) : c.padding;
        const f = (tx: tf.Tensor, tw: tf.Tensor, tb: tf.Tensor) =>
          tf.add(tf.conv2d(tx as tf.Tensor4D, tw as tf.Tensor4D, c.stride, pad), tb);
        const tx = tf.tensor(x.data, x.shape.slice()), tw = tf.tensor(w.data, w.shape.slice()), tb = tf.tensor(b.data, [c.CO]);
        const ty = f(tx, tw, tb);
        expect(ty.shape).toEqual(y.shape);
        const [gx, gw, gb] = tf.grads(f)([tx, tw, tb], tf.tensor(dy.data, y.shape.slice()));
        // Both sides sum in float32 in different orders: compare relative to the largest magnitude.
        const close = (got: Float32Array, want: tf.Tensor) => {
          const w64 = Float64Array.from(want.dataSync());
          const scale = Math.max(1, ...Array.from(w64, Math.abs));
          return worstError(got, w64, null, 0, 1e-5 * scale);
        };
        expect(close(y.data, ty)).toBeLessThanOrEqual(1);
        expect(close(x.grad!, gx)).toBeLessThanOrEqual(1);
        expect(close(w.grad!, gw)).toBeLessThanOrEqual(1);
        expect(close(b.grad!, gb)).toBeLessThanOrEqual(1);
        tf.dispose([tx, tw, tb, ty, gx, gw, gb]);
      }),
      { numRuns: 40 }
    );
  });

  it('leaves a data input without a gradient, and rejects mismatched shapes', () => {
    const x = randomTensor([1, 4, 4, 2], 1); // data: no gradient wanted
    const w = randomTensor([3, 3, 2, 3], 2, true);
    const tape = new Tape();
    tape.backward(conv2d(tape, x, w, null, { padding: 'same' }));
    expect(x.grad).toBeNull();
    expect(w.grad!.some((v) => v !== 0)).toBe(true);
    expect(() => conv2d(tape, x, randomTensor([3, 3, 3, 1], 3))).toThrow(/channels/);
    expect(() => conv2d(tape, x, w, randomTensor([2], 4))).toThrow(/bias/);
  });
});
