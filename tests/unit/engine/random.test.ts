import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, fansOf, glorotUniform, heNormal, heUniform, glorotNormal, normal, uniform } from '$lib/engine';

describe('Rng (xoshiro128**)', () => {
  it('follows the xoshiro128** recurrence: outputs from state [1, 2, 3, 4] worked by hand', () => {
    // out = rotl(s1·5, 7)·9. Step 1: s1 = 2 → rotl(10, 7)·9 = 1280·9 = 11520; the state becomes
    // [7, 0, 1026, 12288], so step 2 gives 0; then [12295, 1029, 1029, 25165824]: rotl(5145, 7)·9.
    const r = Rng.fromState({ s: [1, 2, 3, 4], spare: null });
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([11520, 0, 5145 * 128 * 9]);
  });

  it('is deterministic per seed, and different seeds give different streams', () => {
    const a = new Rng(7), b = new Rng(7), c = new Rng(8);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('has the right moments: uniform mean 1/2, variance 1/12; normal mean 0, sd 1 (within 4 standard errors)', () => {
    const r = new Rng(123);
    const n = 200_000;
    let s = 0, s2 = 0, z = 0, z2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      s += u;
      s2 += u * u;
      const g = r.normal();
      z += g;
      z2 += g * g;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const se = (sd: number) => (4 * sd) / Math.sqrt(n);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(se(Math.sqrt(1 / 12)));
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(se(Math.sqrt(1 / 180))); // sd of (u − ½)² is √(1/180)
    expect(Math.abs(z / n)).toBeLessThan(se(1));
    expect(Math.abs(z2 / n - 1)).toBeLessThan(se(Math.SQRT2)); // sd of g² is √2
  });

  it('int(n) stays in range and hits every value; shuffle permutes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer(), (n, seed) => {
      const r = new Rng(seed);
      const seen = new Set<number>();
      for (let i = 0; i < n * 40; i++) {
        const k = r.int(n);
        expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        seen.add(k);
      }
      expect(seen.size).toBe(n);
      const items = Array.from({ length: n }, (_, i) => i);
      expect(r.shuffle(items.slice()).sort((a, b) => a - b)).toEqual(items);
    }), { numRuns: 30 });
    expect(() => new Rng(1).int(0)).toThrow();
  });

  it('saves and restores its state exactly, including a pending normal', () => {
    const r = new Rng(99);
    r.normal();
    const saved = JSON.parse(JSON.stringify(r.state()));
    const expected = [r.normal(), r.uniform(), r.nextUint32()];
    const q = Rng.fromState(saved);
    expect([q.normal(), q.uniform(), q.nextUint32()]).toEqual(expected);
  });
});

describe('initialisers', () => {
  it('computes fans Keras-style', () => {
    expect(fansOf([3, 5])).toEqual({ fanIn: 3, fanOut: 5 });
    expect(fansOf([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });

  it('draws within and up to the Glorot and He limits, with the stated spreads', () => {
    const r = new Rng(5);
    const shape = [200, 300];
    const g = glorotUniform(r, shape);
    const lim = Math.sqrt(6 / 500);
    const gmax = Math.max(...g.data.map(Math.abs));
    expect(gmax).toBeLessThanOrEqual(lim);
    expect(gmax).toBeGreaterThan(0.99 * lim);
    const sd = (d: Float32Array) => Math.sqrt(d.reduce((a, v) => a + v * v, 0) / d.length);
    expect(sd(heNormal(r, shape).data)).toBeCloseTo(Math.sqrt(2 / 200), 3);
    expect(sd(glorotNormal(r, shape).data)).toBeCloseTo(Math.sqrt(2 / 500), 3);
    expect(Math.max(...heUniform(r, shape).data.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 200));
    const n = normal(r, [10000], 3, 0.5).data;
    expect(n.reduce((a, v) => a + v, 0) / n.length).toBeCloseTo(3, 1);
    const u = uniform(r, [1000], 2, 4).data;
    expect(u.every((v) => v >= 2 && v < 4)).toBe(true);
  });

  it('gives the same weights for the same seed', () => {
    expect(Array.from(glorotUniform(new Rng(3), [4, 4]).data)).toEqual(Array.from(glorotUniform(new Rng(3), [4, 4]).data));
  });
});
