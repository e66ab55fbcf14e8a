import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tensor } from '$lib/engine';
import { Mlp } from '$lib/models/mlp/mlp';
import { NYC_TASK, curveTask } from '$lib/models/mlp/nyc-curve-task';
import { NYC_CITYWIDE } from '$lib/data/nyc';
import { referenceLoss, referenceOutput } from './reference-mlp';
import { centralDifference } from '../support/finite-differences';

describe('the NYC task', () => {
  it('maps the first and last day to −1 and 1 and the peak count to 1', () => {
    const x = NYC_TASK.x.data, y = NYC_TASK.y.data;
    expect(NYC_TASK.n).toBe(154);
    expect(x[0]).toBe(-1);
    expect(x[153]).toBe(1);
    expect(Math.max(...y)).toBe(1);
    expect(y[37] * NYC_TASK.countScale).toBeCloseTo(NYC_CITYWIDE[37], 2);
    expect(NYC_TASK.scaleDay(76.5)).toBeCloseTo(0, 12);
  });

  it('refuses data it cannot scale', () => {
    expect(() => curveTask([0, 0, 0])).toThrow(/zero/);
    expect(() => curveTask([5])).toThrow(/two days/);
  });
});

describe('the section-4 network', () => {
  it('has 97 knobs at width 8, described one by one in flat order', () => {
    const net = new Mlp(8, 1);
    const info = net.knobInfo();
    expect(net.knobCount).toBe(97);
    expect(info).toHaveLength(97);
    expect(info.map((k) => k.index)).toEqual([...Array(97).keys()]);
    expect(info[17]).toMatchObject({ layer: 1, kind: 'weight', from: 0, to: 1, symbol: 'W₂[0,1]' });
    expect(info[96]).toMatchObject({ layer: 2, kind: 'bias', to: 0, symbol: 'b₃[0]' });
    expect(info.filter((k) => k.kind === 'bias')).toHaveLength(17);
  });

  it('sets and reads knobs in the same order the reference reads them (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -1, max: 1, noNaN: true }), (width, seed, x) => {
        const net = new Mlp(width, seed);
        const knobs = net.getKnobs().map((v, i) => v + 0.1 * Math.sin(i)); // biases non-zero too
        net.setKnobs(knobs);
        const out = net.predict(tensor([x], [1, 1]))[0];
        expect(out).toBeCloseTo(referenceOutput(knobs, width, Math.fround(x)), 5);
        expect(Array.from(net.getKnobs())).toEqual(Array.from(knobs));
      }),
      { numRuns: 30 }
    );
  });

  it('computes the loss the reference computes, and its gradient matches central differences', () => {
    const net = new Mlp(8, 3);
    const knobs = Float64Array.from(net.getKnobs());
    const { loss, gradient } = net.lossAndGradient(NYC_TASK);
    const xs = NYC_TASK.x.data, ys = NYC_TASK.y.data;
    expect(loss).toBeCloseTo(referenceLoss(knobs, 8, xs, ys), 6);
    for (const k of [0, 7, 8, 16, 40, 80, 88, 96]) {
      const fd = centralDifference(() => referenceLoss(knobs, 8, xs, ys), knobs, k, 1e-6);
      expect(Math.abs(gradient[k] - fd)).toBeLessThan(1e-3 * Math.max(Math.abs(fd), 1e-3));
    }
  });

  it('rejects a knob index or a knob count that does not fit', () => {
    const net = new Mlp(8, 1);
    expect(() => net.setKnob(97, 0)).toThrow(/out of range/);
    expect(() => net.setKnobs(new Float32Array(96))).toThrow(/96 values/);
    expect(() => new Mlp(0, 1)).toThrow(/width/);
  });
});
