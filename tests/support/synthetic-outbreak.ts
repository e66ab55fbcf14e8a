/**
 * A synthetic outbreak with known β and γ, as a reader's CSV: the SIR model's daily confirmed
 * cases (ρ·N × sir.ts's daily new infections, integrated finely) with seeded noise, 2% multiplicative and
 * Poisson-sized additive (√count), rounded to whole counts. Used by the unit test of the window
 * rule and by the browser test that uploads it.
 */
// sir.ts has no imports, so the browser tests (which have no $lib alias) can load it too.
import { dailyNewInfections, simulateSir } from '../../src/lib/models/sir/sir';

export const OUTBREAK = { beta: 0.4, gamma: 0.16, i0: 1e-6, rho: 0.25, population: 10_000_000, days: 180, start: '2023-09-01' };
export const OUTBREAK_R0 = OUTBREAK.beta / OUTBREAK.gamma;

/** A small seeded generator (LCG): the same seed gives the same outbreak. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function outbreakCounts(seed = 1): number[] {
  const infections = dailyNewInfections(simulateSir(OUTBREAK, OUTBREAK.days, 8));
  const clean = Array.from(infections, (v) => v * OUTBREAK.rho * OUTBREAK.population);
  const r = lcg(seed);
  // Sum of 12 uniforms − 6: close to a standard normal.
  const gauss = () => Array.from({ length: 12 }, r).reduce((a, b) => a + b, 0) - 6;
  return clean.map((m) => Math.max(0, Math.round(m * (1 + 0.02 * gauss()) + Math.sqrt(m) * gauss())));
}

export function outbreakCsv(seed = 1): string {
  const t0 = Date.parse(OUTBREAK.start + 'T00:00:00Z');
  const lines = outbreakCounts(seed).map((c, d) => `${new Date(t0 + d * 86_400_000).toISOString().slice(0, 10)},${c}`);
  return ['date,new_cases', ...lines].join('\n') + '\n';
}
