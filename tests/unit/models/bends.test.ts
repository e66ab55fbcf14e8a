import { describe, expect, it } from 'vitest';
import { countTurningPoints, nestedBends, nestedParabola } from '$lib/models/growth/bends';
import { centralDifference } from '../support/finite-differences';

describe('turning points of nested parabolas', () => {
  it('counts the known extrema of sin(kπx) on (−1, 1): 2k of them', () => {
    for (const k of [1, 2, 5, 11]) expect(countTurningPoints((x) => k * Math.PI * Math.cos(k * Math.PI * x), -1, 1)).toBe(2 * k);
  });

  it('counts no turning points for a monotone function and one for a parabola', () => {
    expect(countTurningPoints(() => 3, -1, 1)).toBe(0);
    expect(countTurningPoints((x) => 2 * x, -1, 1)).toBe(1);
    // x³ has a zero slope at 0 but does not turn there.
    expect(countTurningPoints((x) => 3 * x * x, -1, 1)).toBe(0);
  });

  it('at a = 2 equals −T_{2^k} and doubles its bends each layer: 2^k − 1', () => {
    for (let k = 1; k <= 6; k++) {
      const n = 2 ** k;
      for (const x of [-0.93, -0.2, 0.41, 0.77]) {
        expect(nestedParabola(2, k, x).value).toBeCloseTo(-Math.cos(n * Math.acos(x)), 9);
      }
      expect(nestedBends(2, k)).toBe(n - 1);
    }
  });

  it('gives the chain-rule slope (finite differences)', () => {
    for (const [a, k, x] of [[1.7, 3, 0.3], [2, 5, -0.61], [1.2, 2, 0.9]]) {
      const at = [x];
      const fd = centralDifference(() => nestedParabola(a, k, at[0]).value, at, 0, 1e-6);
      expect(nestedParabola(a, k, x).slope).toBeCloseTo(fd, 5);
    }
  });

  it('at a = 1 stays at one bend however deep: nesting can, but need not, multiply bends', () => {
    // h(h(x)) = 2x² − x⁴ has slope 4x(1 − x²): one turning point inside (−1, 1).
    for (let k = 1; k <= 6; k++) expect(nestedBends(1, k)).toBe(1);
  });
});
