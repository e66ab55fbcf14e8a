import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { avgPool2d, globalAvgPool, maxPool2d } from '../../../src/lib/engine/ops/pool';
import { Tape } from '../../../src/lib/engine/tape';
import { Tensor } from '../../../src/lib/engine/tensor';
import { finiteDifferenceError, randomTensor } from './conv-helpers';
import { worstError } from './kernels-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const poolCase = fc.record({
  N: fc.integer({ min: 1, max: 2 }),
  H: fc.integer({ min: 2, max: 7 }),
  W: fc.integer({ min: 2, max: 7 }),
  C: fc.integer({ min: 1, max: 3 }),
  size: fc.integer({ min: 1, max: 3 }),
  stride: fc.integer({ min: 1, max: 3 }),
  padding: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
  seed: fc.integer({ min: 0, max: 1e9 })
}).filter((c) => c.padding === 'same' || (c.H >= c.size && c.W >= c.size));

/** Values that are a shuffled grid with gaps of 1/64, so a ±1e-3 nudge never changes a window's winner. */
function distinctTensor(shape: number[], seed: number): Tensor {
  const t = randomTensor(shape, seed, true);
  const order = Array.from(t.data.keys()).sort((a, b) => t.data[a] - t.data[b]);
  order.forEach((idx, rank) => { t.data[idx] = rank / 64 - 1; });
  return t;
}

const close = (got: Float32Array, want: tf.Tensor): number => {
  const w64 = Float64Array.from(want.dataSync());
  return worstError(got, w64, null, 1e-5, 1e-6);
};

describe('maxPool2d', () => {
  it('routes the gradient to each window\'s maximum (finite differences)', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const x = distinctTensor([c.N, c.H, c.W, c.C], c.seed);
        const f = (tape: Tape) => maxPool2d(tape, x, { size: c.size, stride: c.stride, padding: c.padding });
        expect(finiteDifferenceError(f, [x], c.seed + 1, 1e-3, 1e-3, 1e-3)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 30 }
    );
  });

  it('matches tf.maxPool forward and gradient', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const x = distinctTensor([c.N, c.H, c.W, c.C], c.seed);
        const tape = new Tape();
        const y = maxPool2d(tape, x, { size: c.size, stride: c.stride, padding: c.padding });
        const dy = randomTensor(y.shape.slice(), c.seed + 1);
        tape.backward(y, { seed: dy.data });
        const f = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.size, c.stride, c.padding);
        const tx = tf.tensor(x.data, x.shape.slice());
        const ty = f(tx);
        const gx = tf.grad(f)(tx, tf.tensor(dy.data, y.shape.slice()));
        expect(ty.shape).toEqual(y.shape);
        expect(close(y.data, ty)).toBeLessThanOrEqual(1);
        expect(close(x.grad!, gx)).toBeLessThanOrEqual(1);
        tf.dispose([tx, ty, gx]);
      }),
      { numRuns: 40 }
    );
  });

  it('defaults to non-overlapping 2×2 windows and reuses its winner indices on a reused tape', () => {
    const tape = new Tape({ reuseBuffers: true });
    const x = randomTensor([1, 4, 6, 2], 3, true);
    const y1 = maxPool2d(tape, x);
    expect(y1.shape).toEqual([1, 2, 3, 2]);
    tape.backward(y1);
    const g1 = x.grad!.slice();
    tape.reset();
    const y2 = maxPool2d(tape, x);
    expect(y2).toBe(y1);
    tape.backward(y2);
    expect(Array.from(x.grad!)).toEqual(Array.from(g1));
  });
});

describe('avgPool2d and globalAvgPool', () => {
  /**
   * With 'same' padding TF.js 4.22's avgPool gradient divides by the full window size even where the
   * window overlaps the padding, although its forward divides by the cells inside (2×2 windows,
   * stride 1, on [[1,2],[3,4]]: gradient of x[1][1] is 1 in TF.js, 2.25 by the definition and by
   * finite differences). So for 'same' the gradient is checked against finite differences only.
   */
  it('avgPool2d: finite differences and tf.avgPool (padding excluded from the count)', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const x = randomTensor([c.N, c.H, c.W, c.C], c.seed, true);
        const opts = { size: c.size, stride: c.stride, padding: c.padding };
        expect(finiteDifferenceError((t) => avgPool2d(t, x, opts), [x], c.seed + 1, 1e-2, 1e-3, 1e-3)).toBeLessThanOrEqual(1);
        const tape = new Tape();
        x.grad = null;
        const y = avgPool2d(tape, x, opts);
        const dy = randomTensor(y.shape.slice(), c.seed + 2);
        tape.backward(y, { seed: dy.data });
        const f = (t: tf.Tensor) => tf.avgPool(t as tf.Tensor4D, c.size, c.stride, c.padding);
        const tx = tf.tensor(x.data, x.shape.slice());
        const ty = f(tx);
        const gx = tf.grad(f)(tx, tf.tensor(dy.data, y.shape.slice()));
        expect(close(y.data, ty)).toBeLessThanOrEqual(1);
        if (c.padding === 'valid') expect(close(x.grad!, gx)).toBeLessThanOrEqual(1);
        tf.dispose([tx, ty, gx]);
      }),
      { numRuns: 30 }
    );
  });

  it('globalAvgPool: finite differences and tf.mean over H and W', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const x = randomTensor([c.N, c.H, c.W, c.C], c.seed, true);
        expect(finiteDifferenceError((t) => globalAvgPool(t, x), [x], c.seed + 1, 1e-2, 1e-3, 1e-3)).toBeLessThanOrEqual(1);
        const tape = new Tape();
        const y = globalAvgPool(tape, x);
        expect(y.shape).toEqual([c.N, c.C]);
        const dy = randomTensor([c.N, c.C], c.seed + 2);
        tape.backward(y, { seed: dy.data });
        const f = (t: tf.Tensor) => tf.mean(t, [1, 2]);
        const tx = tf.tensor(x.data, x.shape.slice());
        const ty = f(tx);
        const gx = tf.grad(f)(tx, tf.tensor(dy.data, [c.N, c.C]));
        expect(close(y.data, ty)).toBeLessThanOrEqual(1);
        expect(close(x.grad!, gx)).toBeLessThanOrEqual(1);
        tf.dispose([tx, ty, gx]);
      }),
      { numRuns: 30 }
    );
  });
});
