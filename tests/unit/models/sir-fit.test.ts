import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, Tape, param, tensor } from '$lib/engine';
import {
  FIT_STEPS_PER_DAY,
  NYC_FIT_START,
  NYC_FIT_WINDOW,
  fitLoss,
  fromUnconstrained,
  leavesFrom,
  modelDailyCases,
  paramsOf,
  runFit,
  sirFitGraph,
  toUnconstrained,
  type FitLeaves,
  type SirFitParams
} from '$lib/models/sir/sir-fit';
import { SirFitTrainer, type SirFitSnapshot } from '$lib/models/sir/sir-fit-trainer';
import { simulateSir } from '$lib/models/sir/sir';
import { NYC_CITYWIDE, NYC_POPULATION, dayOfIso } from '$lib/data/nyc';
import { centralDifference } from '../support/finite-differences';
import { nelderMead } from '../support/nelder-mead';

/** Poisson draw by counting the arrivals of a unit-rate Poisson process before time λ (exact). */
function poisson(rng: Rng, lambda: number): number {
  let t = 0, k = 0;
  for (;;) {
    t -= Math.log(1 - rng.uniform());
    if (t > lambda) return k;
    k++;
  }
}

const N = NYC_POPULATION;

describe('the fit’s parameters and loss', () => {
  it('maps unconstrained coordinates to valid parameters and back', () => {
    const p = { beta: 0.7, gamma: 0.15, i0: 3e-6, rho: 0.04 };
    const q = fromUnconstrained(toUnconstrained(p));
    for (const k of ['beta', 'gamma', 'i0', 'rho'] as const) expect(q[k]).toBeCloseTo(p[k], 12);
    // Any real coordinates give a valid model.
    const wild = fromUnconstrained([40, -40, -60, 80]);
    expect(wild.beta).toBeGreaterThan(0);
    expect(wild.gamma).toBeGreaterThan(0);
    expect(wild.rho).toBeLessThanOrEqual(1);
    expect(wild.rho).toBeGreaterThan(0);
  });

  it('computes the same loss on the tape (float32) as in float64', () => {
    for (const p of [NYC_FIT_START, { beta: 0.39, gamma: 0.18, i0: 3e-4, rho: 0.024 }]) {
      const loss = sirFitGraph(new Tape({ record: false }), leavesFrom(p), NYC_CITYWIDE, NYC_FIT_WINDOW, N).item();
      const ref = fitLoss(p, NYC_CITYWIDE, NYC_FIT_WINDOW, N);
      expect(Math.abs(loss - ref)).toBeLessThan(1e-5 * ref);
    }
  });

  it('gives the gradient of the float64 loss in the unconstrained coordinates (finite differences)', () => {
    const p = { beta: 0.45, gamma: 0.22, i0: 5e-5, rho: 0.05 };
    const leaves = leavesFrom(p);
    const tape = new Tape();
    tape.backward(sirFitGraph(tape, leaves, NYC_CITYWIDE, NYC_FIT_WINDOW, N));
    const grads = [leaves.logBeta, leaves.logGamma, leaves.logI0, leaves.logitRho].map((t) => t.grad![0]);
    const u0 = [leaves.logBeta, leaves.logGamma, leaves.logI0, leaves.logitRho].map((t) => t.data[0]);
    for (let k = 0; k < 4; k++) {
      const fd = centralDifference(() => fitLoss(fromUnconstrained(u0), NYC_CITYWIDE, NYC_FIT_WINDOW, N), u0, k, 1e-5);
      expect(Math.abs(grads[k] - fd)).toBeLessThan(2e-3 * Math.abs(fd) + 1e-5);
    }
  });

  it('uses a step small enough: doubling the RK4 steps changes no displayed digit of the fit', () => {
    const leaves = leavesFrom(NYC_FIT_START);
    runFit(leaves, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 1500);
    const p = paramsOf(leaves);
    const coarse = fitLoss(p, NYC_CITYWIDE, NYC_FIT_WINDOW, N, FIT_STEPS_PER_DAY);
    const fine = fitLoss(p, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2 * FIT_STEPS_PER_DAY);
    // The loss is shown to 4 decimals.
    expect(coarse.toFixed(4)).toBe(fine.toFixed(4));
    const a = modelDailyCases(p, 154, N, FIT_STEPS_PER_DAY);
    const b = modelDailyCases(p, 154, N, 2 * FIT_STEPS_PER_DAY);
    // Daily model cases (shown as whole numbers) differ by far less than one case.
    for (let d = 0; d < 154; d++) expect(Math.abs(a[d] - b[d])).toBeLessThan(0.05);
  });
});

describe('fitting', () => {
  it('recovers β and γ within 5% from a synthetic whole epidemic with Poisson noise', () => {
    const truth: SirFitParams = { beta: 0.45, gamma: 0.18, i0: 2e-5, rho: 0.15 };
    const rng = new Rng(2020);
    const expected = modelDailyCases(truth, 154, N);
    const data = Array.from(expected, (m) => poisson(rng, m));
    // A whole epidemic: it rises, peaks inside the record and falls back below a tenth of its peak.
    const peak = data.indexOf(Math.max(...data));
    expect(peak).toBeGreaterThan(20);
    expect(data.at(-1)!).toBeLessThan(data[peak] / 10);
    const w = { start: 0, end: 153 };
    const leaves = leavesFrom({ beta: 0.3, gamma: 0.1, i0: 1e-6, rho: 0.05 });
    const start = fitLoss(paramsOf(leaves), data, w, N);
    runFit(leaves, data, w, N, 4000);
    const fit = paramsOf(leaves);
    expect(Math.abs(fit.beta / truth.beta - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.gamma / truth.gamma - 1)).toBeLessThan(0.05);
    expect(fitLoss(fit, data, w, N)).toBeLessThan(start / 100);
  });

  it('on New York, lowers the loss at least 10× from the page’s starting point, with R₀ > 1', () => {
    const leaves = leavesFrom(NYC_FIT_START);
    const start = fitLoss(NYC_FIT_START, NYC_CITYWIDE, NYC_FIT_WINDOW, N);
    const [end] = runFit(leaves, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2000);
    expect(end).toBeLessThan(start / 10);
    const p = paramsOf(leaves);
    expect(p.beta / p.gamma).toBeGreaterThan(1);
  });
});

/** The page's fit as figure 2c's worker runs it: the same trainer, stepped until it says it has converged. */
function pageFit(start: SirFitParams, holdRho = false): SirFitSnapshot {
  const t = new SirFitTrainer(NYC_CITYWIDE, N);
  t.reset({ start, window: NYC_FIT_WINDOW, holdRho });
  while (!t.finished()) t.step();
  const s = t.snapshot();
  expect(s.converged).toBe(true);
  return s;
}

/** The same loss minimised by Nelder–Mead on values of the float64 forward model only (no gradient, no Adam). */
function simplexFit(start: SirFitParams, heldRho?: number): { p: SirFitParams; loss: number } {
  const loss = (u: readonly number[]) => fitLoss(fromUnconstrained(u), NYC_CITYWIDE, NYC_FIT_WINDOW, N);
  const u0 = toUnconstrained(heldRho === undefined ? start : { ...start, rho: heldRho });
  if (heldRho === undefined) {
    const r = nelderMead(loss, u0);
    return { p: fromUnconstrained(r.x), loss: r.value };
  }
  const r = nelderMead((u) => loss([...u, u0[3]]), u0.slice(0, 3));
  return { p: fromUnconstrained([...r.x, u0[3]]), loss: r.value };
}

const R0 = (p: SirFitParams) => p.beta / p.gamma;
const APRIL_20 = dayOfIso('2020-04-20');

/** The model's share of the population ever infected (1 − S = I + R) at the end of 20 April. */
function shareInfectedBy20April(p: SirFitParams): number {
  return 1 - simulateSir(p, APRIL_20 + 1, FIT_STEPS_PER_DAY).S[APRIL_20 + 1];
}

describe('New York’s fit on the default window, against an independent fit of the same loss', () => {
  let page: SirFitSnapshot, simplex: { p: SirFitParams; loss: number };
  beforeAll(() => {
    page = pageFit(NYC_FIT_START);
    simplex = simplexFit(NYC_FIT_START);
  });

  it('finds the R₀ and ρ that Nelder–Mead finds, within 2%', () => {
    expect(Math.abs(R0(page.params) / R0(simplex.p) - 1)).toBeLessThan(0.02);
    expect(Math.abs(page.params.rho / simplex.p.rho - 1)).toBeLessThan(0.02);
    // Both reach the same bottom of the loss.
    expect(Math.abs(page.loss / simplex.loss - 1)).toBeLessThan(1e-4);
  });

  it('implies that about four New Yorkers in five had been infected by 20 April', () => {
    const share = shareInfectedBy20April(simplex.p);
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.85);
    // The page's own fit implies the same.
    expect(Math.abs(shareInfectedBy20April(page.params) / share - 1)).toBeLessThan(0.02);
  });

  it('cannot pin down ρ: holding it 15% lower or 25% higher moves R₀ by more than a fifth either way, for under 5% of the loss', () => {
    for (const [factor, direction] of [[0.85, 1], [1.25, -1]]) {
      const rho = factor * page.params.rho;
      const held = pageFit({ ...NYC_FIT_START, rho }, true);
      expect(held.loss).toBeLessThan(1.05 * page.loss);
      // Fewer confirmed per infection → more infections → larger R₀, and the other way round.
      expect(direction * (R0(held.params) / R0(page.params) - 1)).toBeGreaterThan(0.2);
      // Nelder–Mead with ρ held at the same value agrees.
      expect(Math.abs(R0(held.params) / R0(simplexFit(NYC_FIT_START, held.params.rho).p) - 1)).toBeLessThan(0.02);
    }
  });

  it('needs ρ near 8.3%, and then R₀ near 1.14, to imply the antibody surveys’ 22.7% infected by 20 April', () => {
    // The share infected falls as the held ρ rises: bisect on log ρ.
    let [lo, hi] = [simplex.p.rho, 0.5];
    for (let k = 0; k < 30; k++) {
      const mid = Math.sqrt(lo * hi);
      if (shareInfectedBy20April(simplexFit(NYC_FIT_START, mid).p) > 0.227) lo = mid;
      else hi = mid;
    }
    const fit = simplexFit(NYC_FIT_START, Math.sqrt(lo * hi));
    expect(shareInfectedBy20April(fit.p)).toBeCloseTo(0.227, 3);
    expect(fit.p.rho).toBeGreaterThan(0.081);
    expect(fit.p.rho).toBeLessThan(0.085);
    expect(R0(fit.p)).toBeGreaterThan(1.12);
    expect(R0(fit.p)).toBeLessThan(1.16);
    // The page's fit with ρ held there (the figure's “hold ρ”) finds the same R₀.
    expect(Math.abs(R0(pageFit({ ...NYC_FIT_START, rho: fit.p.rho }, true).params) / R0(fit.p) - 1)).toBeLessThan(0.02);
  });
});

describe('the worker’s trainer', () => {
  it('starts at the given point, lowers the loss, records its path and stops when converged', () => {
    const t = new SirFitTrainer(NYC_CITYWIDE, N);
    t.reset({ start: NYC_FIT_START, window: NYC_FIT_WINDOW });
    const first = t.snapshot();
    expect(Array.from(first.path)).toEqual([NYC_FIT_START.beta, NYC_FIT_START.gamma]);
    // (The leaves are float32: the start point is rounded to float32 precision.)
    expect(Math.abs(first.loss / fitLoss(NYC_FIT_START, NYC_CITYWIDE, NYC_FIT_WINDOW, N) - 1)).toBeLessThan(1e-6);
    expect(first.surface!.values.length).toBe(first.surface!.betas.length * first.surface!.gammas.length);
    expect(t.snapshot().surface).toBeNull(); // unchanged: not sent again
    let steps = 0;
    while (!t.finished()) {
      t.step();
      steps++;
    }
    const last = t.snapshot();
    expect(last.converged).toBe(true);
    expect(steps).toBeLessThan(6000);
    expect(last.loss).toBeLessThan(first.loss / 10);
    expect(Array.from(last.path.slice(-2))).toEqual([last.params.beta, last.params.gamma]);
    // The landscape was redrawn at the fitted i0 and ρ.
    expect(last.surface!.rho).toBe(last.params.rho);
  });

  it('holds ρ where the reader set it when asked, and still fits the rest', () => {
    const t = new SirFitTrainer(NYC_CITYWIDE, N);
    const start = { ...NYC_FIT_START, rho: 0.02 };
    t.reset({ start, window: NYC_FIT_WINDOW, holdRho: true });
    const first = t.snapshot().loss;
    for (let i = 0; i < 1500 && !t.finished(); i++) t.step();
    const last = t.snapshot();
    expect(Math.abs(last.params.rho / 0.02 - 1)).toBeLessThan(1e-6); // float32 rounding only
    expect(last.loss).toBeLessThan(first / 5);
  });

  it('refuses a window too short to fit', () => {
    const t = new SirFitTrainer(NYC_CITYWIDE, N);
    expect(() => t.reset({ start: NYC_FIT_START, window: { start: 10, end: 11 } })).toThrow(/three days/);
  });
});

describe('the loss landscape', () => {
  it('holds i0 and ρ and varies β and γ, point by point equal to the loss', async () => {
    const { lossSurface } = await import('$lib/models/sir/sir-fit');
    const s = lossSurface(NYC_FIT_START, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 6);
    const n = s.betas.length;
    for (const [i, j] of [[0, 0], [2, 3], [5, 1]]) {
      const p = { beta: s.betas[i], gamma: s.gammas[j], i0: NYC_FIT_START.i0, rho: NYC_FIT_START.rho };
      expect(s.values[j * n + i]).toBe(fitLoss(p, NYC_CITYWIDE, NYC_FIT_WINDOW, N));
    }
    expect(new Set(s.values).size).toBe(s.values.length); // β and γ really vary
  });
});
