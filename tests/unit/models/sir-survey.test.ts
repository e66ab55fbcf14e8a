import { describe, expect, it } from 'vitest';
import { NYC_FIT_START, NYC_FIT_WINDOW, leavesFrom, modelDailyCases, paramsOf, runFit } from '$lib/models/sir/sir-fit';
import { NYC_SURVEY_DATE, NYC_SURVEY_SHARE, impliedShareInfected, rhoMatchingShare } from '$lib/models/sir/sir-survey';
import { simulateSir } from '$lib/models/sir/sir';
import { NYC_CITYWIDE, NYC_POPULATION, dayOfIso } from '$lib/data/nyc';

const N = NYC_POPULATION;
const T = dayOfIso(NYC_SURVEY_DATE);

describe('the share infected the SIR fit implies', () => {
  it('is the starting infections plus every new infection up to the date (1 − S), by an independent sum', () => {
    const p = { beta: 0.39, gamma: 0.18, i0: 3e-4, rho: 0.024 };
    // Confirmed cases up to the date, divided by ρ·N, are the new infections; add those infected at the start.
    const daily = modelDailyCases(p, T + 1, N);
    const confirmed = daily.reduce((a, b) => a + b, 0);
    expect(impliedShareInfected(p, T)).toBeCloseTo(p.i0 + confirmed / (p.rho * N), 10);
    // And against a much finer integration of the same equations.
    expect(Math.abs(impliedShareInfected(p, T) - (1 - simulateSir(p, T + 1, 100).S[T + 1]))).toBeLessThan(1e-6);
  });

  it('grows with the date and stays a share', () => {
    const p = { beta: 0.5, gamma: 0.2, i0: 1e-6, rho: 0.02 };
    let last = 0;
    for (let d = 0; d < 150; d += 10) {
      const s = impliedShareInfected(p, d);
      expect(s).toBeGreaterThanOrEqual(last);
      expect(s).toBeLessThanOrEqual(1);
      last = s;
    }
  });
});

describe('holding ρ at the surveys’ value', () => {
  it('on New York: the free fit implies far more infected than the surveys found; the held fit at the computed ρ lands on the surveys and lowers R₀', () => {
    const free = leavesFrom(NYC_FIT_START);
    runFit(free, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2500);
    const fit = paramsOf(free);
    expect(impliedShareInfected(fit, T)).toBeGreaterThan(2 * NYC_SURVEY_SHARE);

    const rho = rhoMatchingShare(fit, T, NYC_SURVEY_SHARE);
    expect(rho).toBeGreaterThan(fit.rho);
    const held = leavesFrom({ ...fit, rho }, true);
    runFit(held, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2500);
    const after = paramsOf(held);
    expect(Math.abs(after.rho / rho - 1)).toBeLessThan(1e-5); // held: ρ did not move (up to float32)
    expect(Math.abs(impliedShareInfected(after, T) - NYC_SURVEY_SHARE)).toBeLessThan(0.015);
    expect(after.beta / after.gamma).toBeLessThan(0.8 * (fit.beta / fit.gamma));
  });

  it('is exact for the current fit’s confirmed total', () => {
    const p = { beta: 0.39, gamma: 0.18, i0: 3e-4, rho: 0.024 };
    const rho = rhoMatchingShare(p, T, 0.3);
    const confirmed = p.rho * N * (impliedShareInfected(p, T) - p.i0);
    expect(p.i0 + confirmed / (rho * N)).toBeCloseTo(0.3, 12);
    expect(() => rhoMatchingShare(p, T, p.i0 / 2)).toThrow();
  });
});
