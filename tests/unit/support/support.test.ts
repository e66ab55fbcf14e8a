// The test support's own checks: the finite-difference checker and Nelder–Mead, on functions
// whose answers are known in closed form.
import { describe, expect, it } from 'vitest';
import { centralDifference, numericGradient } from './finite-differences';
import { nelderMead } from './nelder-mead';

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
