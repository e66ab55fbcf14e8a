import { describe, expect, it } from 'vitest';
import { chebyshevRow, evaluate, ladderRung, leastSquares, polyfit, rmse } from '$lib/models/growth/polyfit';
import { NYC_CITYWIDE } from '$lib/data/nyc';

describe('polyfit', () => {
  it('recovers an exact polynomial’s coefficients (Chebyshev and monomial forms)', () => {
    // y = 3 − 2x + 0.5x³ in the scaled variable x ∈ [−1, 1] (days 0 … 100).
    // x³ = (3T₁ + T₃)/4, so the Chebyshev coefficients are c₀ = 3, c₁ = −2 + 0.375, c₂ = 0, c₃ = 0.125.
    const t = Array.from({ length: 101 }, (_, i) => i);
    const y = t.map((d) => {
      const x = (d - 50) / 50;
      return 3 - 2 * x + 0.5 * x ** 3;
    });
    const fit = polyfit(t, y, 3);
    const expected = [3, -1.625, 0, 0.125];
    fit.coefficients.forEach((c, k) => expect(Math.abs(c - expected[k])).toBeLessThan(1e-12));
    // At a higher degree the extra coefficients come out zero.
    const over = polyfit(t, y, 9);
    over.coefficients.forEach((c, k) => expect(Math.abs(c - (expected[k] ?? 0))).toBeLessThan(1e-9));
    expect(Math.abs(evaluate(fit, 137) - (3 - 2 * 1.74 + 0.5 * 1.74 ** 3))).toBeLessThan(1e-10);
  });

  it('solves least squares like the normal equations on a small well-conditioned problem', () => {
    // Fit a line to 4 points: closed form slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)².
    const xs = [0, 1, 2, 4], ys = [1, 2, 2, 5];
    const A = new Float64Array(xs.flatMap((x) => [1, x]));
    const [a, b] = leastSquares(A, 4, 2, ys);
    const mx = 7 / 4, my = 10 / 4;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(b).toBeCloseTo(slope, 12);
    expect(a).toBeCloseTo(my - slope * mx, 12);
  });

  it('evaluates the Chebyshev basis as cos(k·θ) at x = cos θ', () => {
    const row = chebyshevRow(Math.cos(0.3), 12);
    row.forEach((v, k) => expect(v).toBeCloseTo(Math.cos(k * 0.3), 12));
  });

  it('never lets the training error rise with the degree on the NYC data, from 1 to 15', () => {
    let previous = Infinity;
    for (let d = 1; d <= 15; d++) {
      const rung = ladderRung(NYC_CITYWIDE, d, 21);
      expect(rung.trainError).toBeLessThanOrEqual(previous + 1e-9);
      previous = rung.trainError;
    }
  });

  it('holds out the last 21 days and scores them separately', () => {
    const rung = ladderRung(NYC_CITYWIDE, 12, 21);
    const n = NYC_CITYWIDE.length;
    expect(rung.trainError).toBeCloseTo(rmse(rung.fit, NYC_CITYWIDE, 0, n - 22), 12);
    expect(rung.holdoutError).toBeCloseTo(rmse(rung.fit, NYC_CITYWIDE, n - 21, n - 1), 12);
    // A high-degree polynomial predicts the held-out weeks far worse than it fits the rest.
    expect(rung.holdoutError).toBeGreaterThan(3 * rung.trainError);
  });

  it('refuses more coefficients than points', () => {
    expect(() => polyfit([0, 1], [1, 2], 2)).toThrow(/cannot fix/);
  });
});
