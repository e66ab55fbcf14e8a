import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailyNewInfections, finalSize, peakOf, r0, simulateSir, sirOutlook } from '$lib/models/sir/sir';

describe('SIR, integrated with RK4', () => {
  it('conserves S + I + R = 1 to 1e-9 (property over β, γ, i0)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 2.5, noNaN: true }),
        fc.double({ min: 0.03, max: 1, noNaN: true }),
        fc.double({ min: 1e-7, max: 0.05, noNaN: true }),
        (beta, gamma, i0) => {
          const run = simulateSir({ beta, gamma, i0 }, 300);
          for (let k = 0; k < run.S.length; k++) {
            expect(Math.abs(run.S[k] + run.I[k] + run.R[k] - 1)).toBeLessThan(1e-9);
            expect(run.S[k]).toBeGreaterThanOrEqual(-1e-12);
            expect(run.I[k]).toBeGreaterThanOrEqual(-1e-12);
          }
        }
      ),
      { numRuns: 40 }
    );
  });

  it('agrees with a run at 1/16 of the step: halving the step changes no displayed digit', () => {
    const p = { beta: 0.9, gamma: 0.25, i0: 1e-5 };
    const coarse = simulateSir(p, 200, 10);
    const fine = simulateSir(p, 200, 160);
    let worst = 0;
    for (let k = 0; k < coarse.I.length; k++) worst = Math.max(worst, Math.abs(coarse.I[k] - fine.I[k]));
    // Readouts show fractions as percentages to two decimals (1e-4); the difference is 100× smaller.
    expect(worst).toBeLessThan(1e-6);
    expect(peakOf(coarse).day).toBe(peakOf(fine).day);
    expect((peakOf(coarse).infected * 100).toFixed(2)).toBe((peakOf(fine).infected * 100).toFixed(2));
  });

  it('follows the analytic early growth I(t) ≈ i0·e^{(β−γ)t} while S ≈ 1', () => {
    const p = { beta: 0.6, gamma: 0.2, i0: 1e-9 };
    const run = simulateSir(p, 20);
    for (const t of [5, 10, 20]) {
      const analytic = p.i0 * Math.exp((p.beta - p.gamma) * t);
      expect(Math.abs(run.I[t] - analytic) / analytic).toBeLessThan(1e-5);
    }
  });

  it('dies out when R₀ < 1 and the infected fraction only falls', () => {
    const run = simulateSir({ beta: 0.15, gamma: 0.2, i0: 0.01 }, 200);
    for (let k = 1; k < run.I.length; k++) expect(run.I[k]).toBeLessThan(run.I[k - 1]);
    expect(peakOf(run).day).toBe(0);
  });

  it('ends at the final-size relation z = 1 − exp(−R₀·z) within 1e-3', () => {
    for (const [beta, gamma] of [
      [0.3, 0.2],
      [0.5, 0.2],
      [0.8, 0.25],
      [1.2, 0.3],
      [2.5, 0.5]
    ]) {
      const R0 = r0({ beta, gamma });
      const run = simulateSir({ beta, gamma, i0: 1e-6 }, 2000);
      const z = run.R.at(-1)! + run.I.at(-1)!;
      expect(Math.abs(z - finalSize(R0))).toBeLessThan(1e-3);
      expect(Math.abs(finalSize(R0) - (1 - Math.exp(-R0 * finalSize(R0))))).toBeLessThan(1e-12);
    }
    expect(finalSize(0.9)).toBe(0);
  });

  it('counts daily new infections as the fall of S', () => {
    const run = simulateSir({ beta: 0.5, gamma: 0.2, i0: 1e-4 }, 100);
    const daily = dailyNewInfections(run);
    expect(daily.length).toBe(100);
    const total = daily.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(run.S[0] - run.S[100], 12);
  });
});

describe('sirOutlook (figure 2b’s readouts)', () => {
  it('ends where the final-size relation says when the start is almost all susceptible', () => {
    const o = sirOutlook({ beta: 0.5, gamma: 0.2, i0: 1e-6 }, 200);
    expect(Math.abs(o.finalSimulated - o.finalRelation)).toBeLessThan(1e-3);
    expect(o.peak).toEqual(peakOf(o.run));
  });
  it('burns out slowly near R₀ = 1 and still reports where it ends', () => {
    const o = sirOutlook({ beta: 0.21, gamma: 0.2, i0: 1e-3 }, 200);
    expect(o.finalSimulated).toBeGreaterThan(o.finalRelation); // the 0.1% infected at the start add to it
    expect(o.finalSimulated).toBeLessThan(0.2);
  });
});
