// The test support's own checks: the finite-difference checker and Nelder–Mead, on functions
// whose answers are known in closed form.
import { describe, expect, it } from 'vitest';
import { centralDifference, numericGradient } from './finite-differences';
import { nelderMead } from './nelder-mead';
import { binomialUpperTail, clopperPearsonLower } from './binomial';

describe('central differences', () => {
  it('give the derivative of a cubic to O(h²), put the coordinate back, and divide by the step float32 stored', () => {
    const x = [0.7, -1.3];
    const f = () => x[0] ** 3 * x[1];
    const g = numericGradient(f, x, 1e-5);
    expect(g[0]).toBeCloseTo(3 * 0.7 ** 2 * -1.3, 8);
    expect(g[1]).toBeCloseTo(0.7 ** 3, 8);
    expect(x).toEqual([0.7, -1.3]);
    // 1000 ± 1e-3 is not representable in float32: dividing by 2e-3 would give 1.953, not 2.
    const big = Float32Array.of(1000);
    expect(centralDifference(() => 2 * big[0], big, 0, 1e-3)).toBeCloseTo(2, 10);
    const named = { a: 2 };
    expect(centralDifference(() => Math.exp(named.a), named, 'a', (v) => 1e-6 * v)).toBeCloseTo(Math.exp(2), 6);
  });
});

describe('Nelder–Mead', () => {
  it("finds Rosenbrock's minimum at (1, 1) from far away, without a gradient", () => {
    const r = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.value).toBeLessThan(1e-8);
  });

  it('finds the centre of a tilted 4-d quadratic bowl', () => {
    const c = [0.3, -2, 5, 1e-2];
    const r = nelderMead((x) => x.reduce((s, v, i) => s + (i + 1) * (v - c[i]) ** 2, 0) + (x[0] - c[0]) * (x[1] - c[1]), [0, 0, 0, 0]);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(c[i], 4));
  });
});

describe('Clopper–Pearson lower bound', () => {
  it('is α^(1/n) when nothing failed: 128 of 128 supports only 0.977, 149 of 149 supports 0.98', () => {
    expect(clopperPearsonLower(128, 128)).toBeCloseTo(0.97687, 5);
    expect(clopperPearsonLower(148, 148)).toBeLessThan(0.98);
    expect(clopperPearsonLower(149, 149)).toBeGreaterThanOrEqual(0.98);
  });

  it('puts the chance of the observed count or more at exactly α, and agrees with the closed form for 9 of 10', () => {
    for (const [x, n] of [[9, 10], [50, 80], [497, 512]]) {
      const p = clopperPearsonLower(x, n);
      expect(binomialUpperTail(x, n, p)).toBeCloseTo(0.05, 9);
    }
    // P(X ≥ 9) = 10p⁹(1 − p) + p¹⁰ at the bound.
    const p = clopperPearsonLower(9, 10);
    expect(10 * p ** 9 * (1 - p) + p ** 10).toBeCloseTo(0.05, 9);
    expect(p).toBeCloseTo(0.6058, 4);
  });
});
