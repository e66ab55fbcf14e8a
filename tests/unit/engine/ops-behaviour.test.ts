/**
 * What the property tables do not cover: edge values (−∞, huge logits), documented choices (ties,
 * fully masked rows, dropout outside training), index outputs, error messages, the fast tanh.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import {
  Rng, Tape, add, broadcastPlan, causalMask, concat, crossEntropy, dropout, gather, linear, logSoftmax, matmul, max, mse,
  param, reshape, slice, softmax, sum, tanh, tensor, topk
} from '$lib/engine';
import { tanhf } from '$lib/engine/fastmath';
import { checkTf } from './support/check';
import { type OpCase, input } from './support/op-cases';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('broadcasting', () => {
  it('merges axes into long contiguous runs', () => {
    const same = broadcastPlan([2, 3, 4], [2, 3, 4]);
    expect([same.runs, same.inner, same.aStep, same.bStep]).toEqual([1, 24, 1, 1]);
    const bias = broadcastPlan([5, 3, 4], [4]);
    expect([bias.runs, bias.inner, bias.bStep, bias.bOff[1]]).toEqual([15, 4, 1, 0]);
    const outer = broadcastPlan([3, 1], [1, 4]);
    expect(outer.shape).toEqual([3, 4]);
    expect([outer.runs, outer.inner, outer.aStep, outer.bStep]).toEqual([3, 4, 0, 1]);
  });

  it('refuses incompatible shapes, naming them', () => {
    expect(() => add(new Tape(), tensor([1, 2, 3]), tensor([1, 2]))).toThrow(/\[3\] and \[2\]/);
  });
});

describe('softmax family', () => {
  it('is stable for huge logits', () => {
    const t = new Tape();
    const x = tensor([1000, 1001, 1002], [1, 3]);
    const p = softmax(t, x);
    const l = logSoftmax(t, x);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0] + e[1] + e[2];
    e.forEach((v, i) => expect(p.data[i]).toBeCloseTo(v / s, 6));
    expect(l.data[2]).toBeCloseTo(-Math.log(s), 5);
    expect(crossEntropy(t, x, [2]).item()).toBeCloseTo(Math.log(s), 5);
  });

  it('gives probability 0 to −∞ and zeros (not NaN) to a fully masked row', () => {
    const t = new Tape();
    const scores = param([0.5, 0.1, 0.3, 0.2, 0.9, 0.4], [2, 3]);
    const masked = causalMask(t, scores, { offset: -1 }); // row 0 sees nothing, row 1 sees key 0
    expect(Array.from(masked.data.slice(0, 3))).toEqual([-Infinity, -Infinity, -Infinity]);
    const p = softmax(t, masked);
    expect(Array.from(p.data)).toEqual([0, 0, 0, 1, 0, 0]);
    t.backward(sum(t, p));
    expect(scores.grad!.every(Number.isFinite)).toBe(true);
  });

  it('masks with a finite fill when asked', () => {
    const m = causalMask(new Tape(), tensor([1, 2, 3, 4], [2, 2]), { fill: -1e9 });
    expect(Array.from(m.data)).toEqual([1, -1e9, 3, 4]);
  });
});

describe('max and top-k', () => {
  it('routes the gradient of max to the first maximum on ties', () => {
    const t = new Tape();
    const x = param([1, 3, 3, 2], [4]);
    t.backward(max(t, x));
    expect(Array.from(x.grad!)).toEqual([0, 1, 0, 0]);
  });

  it('returns the same values and indices as tf.topk, lower index first on ties', () => {
    const data = [0.5, 2, -1, 2, 0.7, 3, 3, 0, -2, 1, 1, 1];
    const x = tensor(data, [3, 4]);
    for (const k of [1, 2, 3, 4]) {
      const { values, indices } = topk(new Tape(), x, k);
      const ref = tf.topk(tf.tensor(data, [3, 4]), k);
      expect(Array.from(values.data)).toEqual(Array.from(ref.values.dataSync()));
      expect(Array.from(indices)).toEqual(Array.from(ref.indices.dataSync()));
      expect(values.shape).toEqual([3, k]);
    }
  });

  it('sends top-k gradients only to the kept positions', () => {
    const t = new Tape();
    const x = param([4, 1, 3, 2], [1, 4]);
    const { values } = topk(t, x, 2);
    t.backward(values, { seed: Float32Array.of(10, 20) });
    expect(Array.from(x.grad!)).toEqual([10, 0, 20, 0]);
  });
});

describe('dropout', () => {
  it('is the identity outside training and records nothing', () => {
    const t = new Tape();
    const x = param([1, 2, 3], [3]);
    expect(dropout(t, x, 0.5, new Rng(1), false)).toBe(x);
    expect(t.nodes).toHaveLength(0);
  });

  it('keeps about 1 − p of the values, scaled by 1/(1 − p), reproducibly from the seed', () => {
    const x = tensor(new Float32Array(20000).fill(1));
    const a = dropout(new Tape(), x, 0.3, new Rng(42), true);
    const b = dropout(new Tape(), x, 0.3, new Rng(42), true);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const kept = a.data.filter((v) => v !== 0);
    expect(kept.length / 20000).toBeGreaterThan(0.68);
    expect(kept.length / 20000).toBeLessThan(0.72);
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
  });
});

describe('shape ops', () => {
  it('reshape shares data and infers −1', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = reshape(new Tape(), x, [3, -1]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.data).toBe(x.data);
    expect(() => reshape(new Tape(), x, [4, -1])).toThrow(/cannot infer/);
    expect(() => reshape(new Tape(), x, [4, 2])).toThrow(/needs 8/);
  });

  it('slice, gather and concat check their arguments', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(Array.from(slice(new Tape(), x, [0, 1]).data)).toEqual([2, 3, 5, 6]);
    expect(() => slice(new Tape(), x, [1, 2], [2, 1])).toThrow(/out of range/);
    expect(Array.from(gather(new Tape(), x, [1, 1, 0]).data)).toEqual([4, 5, 6, 4, 5, 6, 1, 2, 3]);
    expect(() => gather(new Tape(), x, [2])).toThrow(/out of range/);
    expect(() => concat(new Tape(), [x, tensor([1, 2], [1, 2])], 0)).toThrow(/differ/);
  });

  it('gather sums the gradients of repeated indices (embedding rows)', () => {
    const t = new Tape();
    const table = param([1, 2, 3, 4], [2, 2]);
    const e = gather(t, table, [1, 0, 1], 0, [3]);
    t.backward(e);
    expect(Array.from(table.grad!)).toEqual([1, 1, 2, 2]);
  });

  it('matmul and losses name mismatched shapes', () => {
    expect(() => matmul(new Tape(), tensor([1, 2], [1, 2]), tensor([1, 2, 3], [3, 1]))).toThrow(/inner sizes/);
    expect(() => mse(new Tape(), tensor([1, 2]), tensor([1, 2, 3]))).toThrow(/differ/);
    expect(() => crossEntropy(new Tape(), tensor([1, 2], [1, 2]), [2])).toThrow(/label 2/);
  });
});

describe('fast tanh', () => {
  it('matches Math.tanh to within 2 float32 ulps everywhere, exactly ±1 in the tails', () => {
    let worst = 0;
    for (let i = -1_200_000; i <= 1_200_000; i++) {
      const x = Math.fround(i * 1e-5);
      const want = Math.fround(Math.tanh(x));
      const got = Math.fround(tanhf(x));
      if (want !== got) worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
    }
    expect(worst).toBeLessThan(2 * 2 ** -23);
    for (const x of [9, 20, Infinity]) {
      expect(tanhf(x)).toBe(1);
      expect(tanhf(-x)).toBe(-1);
    }
    expect(Math.abs(tanhf(1e-30) / 1e-30 - 1)).toBeLessThan(1e-9); // tanh x ≈ x near 0, no underflow
    expect(tanhf(NaN)).toBeNaN();
    expect(Array.from(tanh(new Tape(), tensor([0, 0.5, -3])).data)).toEqual([0, 0.5, -3].map((v) => Math.fround(Math.tanh(v))));
  });
});

describe('products large enough for the SIMD kernel', () => {
  // The property tables use small matrices (the TypeScript tiles); these go through gemm's
  // WebAssembly path where the platform has it, transposed and accumulating variants included.
  const tol = { forward: { rtol: 1e-4, atol: 1e-4 }, grad: { rtol: 1e-4, atol: 1e-4 } };
  it('batched matmul with a shared right operand, and a broadcast batch, match TF.js', () => {
    const shared: OpCase = {
      inputs: [input([2, 3, 40, 24], 1), input([24, 32], 2)],
      engine: (t, [a, b]) => matmul(t, a, b),
      ref: () => { throw new Error('unused'); },
      tf: ([a, b]) => tf.reshape(tf.matMul(tf.reshape(a, [240, 24]), b), [2, 3, 40, 32]),
      note: 'matmul [2,3,40,24] @ [24,32]'
    };
    checkTf(shared, 3, tol);
    const broadcast: OpCase = {
      inputs: [input([3, 1, 20, 16], 4), input([4, 16, 24], 5)],
      engine: (t, [a, b]) => matmul(t, a, b),
      ref: () => { throw new Error('unused'); },
      tf: ([a, b]) => tf.matMul(tf.broadcastTo(a, [3, 4, 20, 16]), tf.broadcastTo(b, [3, 4, 16, 24])),
      note: 'matmul [3,1,20,16] @ [4,16,24]'
    };
    checkTf(broadcast, 6, tol);
    const dense: OpCase = {
      inputs: [input([64, 32], 7), input([32, 48], 8), input([48], 9)],
      engine: (t, [x, w, b]) => linear(t, x, w, b),
      ref: () => { throw new Error('unused'); },
      tf: ([x, w, b]) => tf.add(tf.matMul(x, w), b),
      note: 'linear [64,32]·[32,48] + b'
    };
    checkTf(dense, 10, tol);
  });
});
