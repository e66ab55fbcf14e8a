import { describe, expect, it } from 'vitest';
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
} from '$lib/models/sir-fit';
import { SirFitTrainer } from '$lib/models/sir-fit-trainer';
import { NYC_CITYWIDE, NYC_POPULATION } from '$lib/data/nyc';
import { centralDifference } from '../support/finite-differences';

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

  it('cannot pin down ρ on New York’s rise: ρ and R₀ trade off at almost no cost in loss', () => {
    // Free fit first.
    const free = leavesFrom(NYC_FIT_START);
    const [best] = runFit(free, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2500);
    const bestR0 = paramsOf(free).beta / paramsOf(free).gamma;
    // Then fits with ρ held 15% below and 25% above the free one (not trained: a constant tensor).
    const rhos = [0.85 * paramsOf(free).rho, 1.25 * paramsOf(free).rho];
    const u = rhos.map((rho) => toUnconstrained({ ...NYC_FIT_START, rho }));
    const fixed: FitLeaves = {
      logBeta: param(u.map((x) => x[0])),
      logGamma: param(u.map((x) => x[1])),
      logI0: param(u.map((x) => x[2])),
      logitRho: tensor(u.map((x) => x[3]))
    };
    const losses = runFit(fixed, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 2500);
    const r0s = rhos.map((_, b) => paramsOf(fixed, b).beta / paramsOf(fixed, b).gamma);
    // Either costs less than 5% of the loss …
    for (const l of losses) expect(l).toBeLessThan(1.05 * best);
    // … yet moves R₀ a long way: fewer confirmed per infection → more infections → larger R₀.
    expect(r0s[0]).toBeGreaterThan(1.2 * bestR0);
    expect(r0s[1]).toBeLessThan(0.85 * bestR0);
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
    const { lossSurface } = await import('$lib/models/sir-fit');
    const s = lossSurface(NYC_FIT_START, NYC_CITYWIDE, NYC_FIT_WINDOW, N, 6);
    const n = s.betas.length;
    for (const [i, j] of [[0, 0], [2, 3], [5, 1]]) {
      const p = { beta: s.betas[i], gamma: s.gammas[j], i0: NYC_FIT_START.i0, rho: NYC_FIT_START.rho };
      expect(s.values[j * n + i]).toBe(fitLoss(p, NYC_CITYWIDE, NYC_FIT_WINDOW, N));
    }
    expect(new Set(s.values).size).toBe(s.values.length); // β and γ really vary
  });
});
