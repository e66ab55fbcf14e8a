import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitExponential, trailingMean } from '$lib/models/growth/growth';

describe('trailingMean', () => {
  it('averages the last seven days and leaves the first six empty', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const m = trailingMean(v);
    expect(m.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(m[6]).toBeCloseTo(4);
    expect(m[7]).toBeCloseTo(5);
    expect(m[8]).toBeCloseTo(6);
  });

  it('equals a direct average at every day (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 7, maxLength: 60 }), (v) => {
        const m = trailingMean(v);
        for (let i = 6; i < v.length; i++) {
          const direct = v.slice(i - 6, i + 1).reduce((a, b) => a + b, 0) / 7;
          expect(m[i]).toBeCloseTo(direct, 6);
        }
      })
    );
  });
});

describe('fitExponential', () => {
  it('recovers the doubling time of an exact exponential', () => {
    for (const doubling of [1.7, 2.5, 4, 11]) {
      const v = Array.from({ length: 40 }, (_, t) => 3 * Math.pow(2, t / doubling));
      const fit = fitExponential(v, 5, 30)!;
      expect(fit.doublingDays).toBeCloseTo(doubling, 9);
      expect(fit.r2).toBeCloseTo(1, 12);
      expect(fit.logIntercept).toBeCloseTo(Math.log(3), 9);
    }
  });

  it('stays close under multiplicative noise, and skips zero days', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const v = Array.from({ length: 30 }, (_, t) => 10 * Math.exp((Math.LN2 / 3) * t) * Math.exp(0.1 * (rand() - 0.5)));
    v[4] = 0;
    const fit = fitExponential(v, 0, 29)!;
    expect(fit.used).toBe(29);
    expect(Math.abs(fit.doublingDays - 3) / 3).toBeLessThan(0.02);
  });

  it('returns null when fewer than two days have counts', () => {
    expect(fitExponential([0, 0, 5, 0], 0, 3)).toBeNull();
  });

  it('reports a halving time as a negative doubling time', () => {
    const v = Array.from({ length: 20 }, (_, t) => 1000 * Math.pow(0.5, t / 5));
    expect(fitExponential(v, 0, 19)!.doublingDays).toBeCloseTo(-5, 9);
  });
});

describe('the doubling-time claims of section 1 (prose in S01Question.svelte)', async () => {
  const { NYC_CITYWIDE, dayOfIso } = await import('$lib/data/nyc');
  const fit = (a: string, b: string) => fitExponential(NYC_CITYWIDE, dayOfIso(a), dayOfIso(b))!;

  it('the default window 10–25 March straddles the bend: a visibly imperfect line', () => {
    expect(fit('2020-03-10', '2020-03-25').r2).toBeLessThan(0.85);
  });

  it('an earlier window doubles in well under two days, with a much better fit', () => {
    const early = fit('2020-03-05', '2020-03-20');
    expect(early.doublingDays).toBeLessThan(1.6);
    expect(early.r2).toBeGreaterThan(0.93);
  });
});
