import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  Adam, AdamW, type Optimizer, Rng, SGD, Tape, type Tensor, add, clipGradNorm, constant, cosine, mul, param
} from '$lib/engine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs steps with given gradients on a one-value parameter, returning its value after each. */
function trace(make: (p: Tensor) => Optimizer, grads: number[], start = 1): number[] {
  const p = param([start], 'p');
  const opt = make(p);
  return grads.map((g) => {
    p.grad = Float32Array.of(g);
    opt.step();
    return p.data[0];
  });
}

describe('optimisers against hand-computed steps', () => {
  it('SGD: p − lr·g', () => {
    const got = trace((p) => new SGD([p], { lr: 0.1 }), [2, -1]);
    expect(got[0]).toBeCloseTo(0.8, 6);
    expect(got[1]).toBeCloseTo(0.9, 6);
  });

  it('SGD with momentum: v = μv + g, p − lr·v', () => {
    // v1 = 1, p1 = 1 − 0.1 = 0.9; v2 = 0.9·1 + 1 = 1.9, p2 = 0.9 − 0.19 = 0.71
    const got = trace((p) => new SGD([p], { lr: 0.1, momentum: 0.9 }), [1, 1]);
    expect(got[0]).toBeCloseTo(0.9, 6);
    expect(got[1]).toBeCloseTo(0.71, 6);
  });

  it('Adam: two steps with bias correction', () => {
    // lr 0.1, β1 0.9, β2 0.999, ε 1e-8, p0 = 1, g = 0.5 then −1.
    // t = 1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25
    //        p1 = 1 − 0.1·0.5/(√0.25 + ε)
    // t = 2: m = 0.9·0.05 − 0.1 = −0.055, v = 0.999·0.00025 + 0.001 = 0.00124975
    //        m̂ = −0.055/(1 − 0.81) = −0.055/0.19, v̂ = 0.00124975/(1 − 0.998001) = 0.00124975/0.001999
    //        p2 = p1 + 0.1·(0.055/0.19)/(√v̂ + ε)
    const p1 = 1 - (0.1 * 0.5) / (Math.sqrt(0.25) + 1e-8);
    const p2 = p1 + (0.1 * (0.055 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
    const got = trace((p) => new Adam([p], { lr: 0.1 }), [0.5, -1]);
    expect(got[0]).toBeCloseTo(p1, 6);
    expect(got[1]).toBeCloseTo(p2, 6);
    expect(p2).toBeCloseTo(0.93661035, 7);
  });

  it('AdamW: decoupled decay p·(1 − lr·λ) before the Adam step', () => {
    // λ = 0.1: p1 = 1·(1 − 0.01) − 0.1·0.5/(0.5 + ε); p2 = p1·0.99 + (same Adam step as above)
    const p1 = 0.99 - (0.1 * 0.5) / (0.5 + 1e-8);
    const p2 = p1 * 0.99 + (0.1 * (0.055 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
    const got = trace((p) => new AdamW([p], { lr: 0.1, weightDecay: 0.1 }), [0.5, -1]);
    expect(got[0]).toBeCloseTo(p1, 6);
    expect(got[1]).toBeCloseTo(p2, 6);
  });

  it('skips parameters without a gradient', () => {
    const a = param([1]), b = param([2]);
    a.grad = Float32Array.of(1);
    new Adam([a, b], { lr: 0.1 }).step();
    expect(b.data[0]).toBe(2);
    expect(a.data[0]).toBeCloseTo(0.9, 6);
  });
});

describe('clearGrads', () => {
  it('makes the next update skip parameters the next sweep does not reach', () => {
    const a = param([1]), b = param([2]);
    const opt = new SGD([a, b], { lr: 0.1 });
    const t1 = new Tape();
    t1.backward(add(t1, a, b));
    opt.step(); // both moved by 0.1
    opt.clearGrads();
    const t2 = new Tape();
    t2.backward(mul(t2, a, 1)); // b is not on this tape
    opt.step();
    expect(a.data[0]).toBeCloseTo(0.8, 6);
    expect(b.data[0]).toBeCloseTo(1.9, 6);
  });
});

describe('optimisers against TensorFlow.js', () => {
  let compared = 0;
  /** 20 steps with the same random gradients on two tensors, compared after every step. */
  function compare(ours: (ps: Tensor[]) => Optimizer, theirs: () => tf.Optimizer) {
    const rng = new Rng(11);
    const init = [Array.from({ length: 6 }, () => rng.normal()), Array.from({ length: 3 }, () => rng.normal())];
    const ps = [param(init[0], [2, 3], 'a'), param(init[1], [3], 'b')];
    const id = ++compared; // TF.js variable names must be unique across the test file
    const vars = { a: tf.variable(tf.tensor(init[0], [2, 3]), true, `a${id}`), b: tf.variable(tf.tensor(init[1], [3]), true, `b${id}`) };
    const opt = ours(ps), topt = theirs();
    for (let s = 0; s < 20; s++) {
      const ga = Array.from({ length: 6 }, () => rng.normal()), gb = Array.from({ length: 3 }, () => rng.normal());
      ps[0].grad = Float32Array.from(ga);
      ps[1].grad = Float32Array.from(gb);
      opt.step();
      topt.applyGradients({ [vars.a.name]: tf.tensor(ga, [2, 3]), [vars.b.name]: tf.tensor(gb, [3]) });
      const want = [...vars.a.dataSync(), ...vars.b.dataSync()];
      const got = [...ps[0].data, ...ps[1].data];
      got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i]))));
    }
  }

  it('Adam matches tf.train.adam', () => {
    compare((ps) => new Adam(ps, { lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-7 }), () => tf.train.adam(0.01, 0.8, 0.99, 1e-7));
  });

  it('SGD with momentum matches tf.train.momentum; plain SGD matches tf.train.sgd', () => {
    compare((ps) => new SGD(ps, { lr: 0.05, momentum: 0.9 }), () => tf.train.momentum(0.05, 0.9));
    compare((ps) => new SGD(ps, { lr: 0.05 }), () => tf.train.sgd(0.05));
  });
});

describe('gradient clipping', () => {
  it('scales all gradients together to the max global norm and reports the norm before', () => {
    const a = param([0, 0]), b = param([0]);
    a.grad = Float32Array.of(3, 0);
    b.grad = Float32Array.of(4);
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5, 6);
    expect(Array.from(a.grad)).toEqual([0.6, 0].map(Math.fround));
    expect(b.grad[0]).toBeCloseTo(0.8, 6);
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 6); // under the limit: untouched
    expect(b.grad[0]).toBeCloseTo(0.8, 6);
  });
});

describe('learning-rate schedules', () => {
  it('constant', () => {
    expect(constant(0.3)(0)).toBe(0.3);
    expect(constant(0.3)(1e6)).toBe(0.3);
  });

  it('cosine with warm-up: linear rise, half cosine, then the floor', () => {
    const s = cosine({ peak: 1, floor: 0.1, total: 110, warmup: 10 });
    expect(s(0)).toBeCloseTo(0.1, 12);
    expect(s(4)).toBeCloseTo(0.5, 12);
    expect(s(9)).toBeCloseTo(1, 12);
    expect(s(10)).toBeCloseTo(1, 12);
    expect(s(60)).toBeCloseTo(0.55, 12); // halfway: floor + (peak − floor)/2
    expect(s(110)).toBeCloseTo(0.1, 12);
    expect(s(500)).toBeCloseTo(0.1, 12);
    expect(cosine({ peak: 2, total: 4 })(2)).toBeCloseTo(1, 12);
    expect(() => cosine({ peak: 1, total: 5, warmup: 6 })).toThrow();
  });

  it('drives the optimiser by step count, surviving a save and restore', () => {
    const sched = cosine({ peak: 0.1, total: 10 });
    const opt = new SGD([param([0])], { lr: sched });
    expect(opt.currentLr()).toBeCloseTo(0.1, 12);
    opt.loadState({ kind: 'sgd', step: 5, buffers: {} });
    expect(opt.currentLr()).toBeCloseTo(sched(5), 12);
  });
});

describe('optimiser state', () => {
  it('round-trips through JSON: a restored Adam continues exactly like an uninterrupted one', () => {
    const run = (p: Tensor, opt: Optimizer, from: number, to: number) => {
      for (let s = from; s < to; s++) {
        p.grad = Float32Array.from(p.data, (v, i) => Math.sin(v + s + i)); // a gradient that depends on p
        opt.step();
      }
    };
    const lr = cosine({ peak: 0.05, total: 8, warmup: 2 });
    const a = param([0.3, -0.2, 1.1]);
    const optA = new AdamW([a], { lr, weightDecay: 0.05 });
    run(a, optA, 0, 8);

    const b = param([0.3, -0.2, 1.1]);
    const optB = new AdamW([b], { lr, weightDecay: 0.05 });
    run(b, optB, 0, 3);
    const saved = JSON.parse(JSON.stringify(optB.state()));
    expect(saved.step).toBe(3);
    expect(Object.keys(saved.buffers).sort()).toEqual(['m', 'v']);
    const c = param(Array.from(b.data));
    const optC = new AdamW([c], { lr, weightDecay: 0.05 });
    optC.loadState(saved);
    run(c, optC, 3, 8);
    expect(Array.from(c.data)).toEqual(Array.from(a.data));
  });

  it('refuses state of another kind or shape', () => {
    const opt = new Adam([param([1, 2])]);
    expect(() => opt.loadState({ kind: 'sgd', step: 0, buffers: {} })).toThrow(/sgd/);
    expect(() => opt.loadState({ kind: 'adam', step: 1, buffers: { m: [[1]], v: [[1]] } })).toThrow(/sizes/);
  });
});
