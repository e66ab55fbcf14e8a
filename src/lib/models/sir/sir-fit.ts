/**
 * Fitting the SIR model of sir.ts to a series of daily confirmed cases (figure 2c).
 *
 * The model's count for day d is ρ·N·(new infections during [d, d+1]), integrated from day 0 with
 * I(0) = i0, S(0) = 1 − i0, R(0) = 0. Four numbers are fitted: β, γ, i0 and ρ. The optimiser works
 * on unconstrained versions of them — log β, log γ, log i0 and logit ρ — so that every step it
 * takes lands on a valid model (positive rates, a fraction between 0 and 1).
 *
 * The misfit is the mean squared difference of log(1 + count) over the chosen window of days:
 * it weighs a miss of 20% the same on a day of 50 cases as on a day of 5,000, and the 1 keeps days
 * with no cases finite.
 *
 * Two implementations of the same loss:
 *  - `fitLoss` in float64 on sir.ts's solver, for the reader's hand fit and the loss surface;
 *  - `sirFitGraph` on the engine's tape, so that `tape.backward` carries the gradient back through
 *    the whole integration and the engine's Adam takes the steps. A unit test checks the two
 *    against each other.
 */
import { Adam, Tape, add, exp, log, mean, mul, param, sigmoid, slice, sub, tensor, type Tensor } from '$lib/engine';
import { dailyNewInfections, simulateSir } from './sir';
import { sirDailyInfections } from './sir-op';
import { dayOfIso } from '$lib/data/nyc';

export interface SirFitParams {
  /** Transmission rate, per day. */
  beta: number;
  /** Recovery rate, per day. */
  gamma: number;
  /** Infected fraction on day 0 of the data. */
  i0: number;
  /** Fraction of new infections that become confirmed cases. */
  rho: number;
}

/** Inclusive range of day indices the loss looks at. */
export interface FitWindow {
  start: number;
  end: number;
}

/**
 * RK4 steps per day in the fit. Four suffice: a unit test checks that doubling them changes the
 * loss by less than its last displayed digit and the fitted β, γ by far less than theirs.
 */
export const FIT_STEPS_PER_DAY = 4;

/** The optimiser's coordinates: [log β, log γ, log i0, logit ρ]. */
export type Unconstrained = [number, number, number, number];

export function toUnconstrained(p: SirFitParams): Unconstrained {
  return [Math.log(p.beta), Math.log(p.gamma), Math.log(p.i0), Math.log(p.rho / (1 - p.rho))];
}

export function fromUnconstrained(u: ArrayLike<number>): SirFitParams {
  return { beta: Math.exp(u[0]), gamma: Math.exp(u[1]), i0: Math.exp(u[2]), rho: 1 / (1 + Math.exp(-u[3])) };
}

/** The model's daily confirmed cases for days 0 … days−1 (float64). */
export function modelDailyCases(p: SirFitParams, days: number, population: number, stepsPerDay = FIT_STEPS_PER_DAY): Float64Array {
  const run = simulateSir({ beta: p.beta, gamma: p.gamma, i0: p.i0 }, days, stepsPerDay);
  const out = dailyNewInfections(run);
  for (let d = 0; d < days; d++) out[d] *= p.rho * population;
  return out;
}

/** Mean over the window of (log(1 + model) − log(1 + data))². */
export function logCountLoss(model: ArrayLike<number>, data: readonly number[], w: FitWindow): number {
  let s = 0;
  for (let d = w.start; d <= w.end; d++) {
    const r = Math.log1p(model[d]) - Math.log1p(data[d]);
    s += r * r;
  }
  return s / (w.end - w.start + 1);
}

/** The fit's loss for one set of parameters, in float64 (the hand fit, the loss surface). */
export function fitLoss(p: SirFitParams, data: readonly number[], w: FitWindow, population: number, stepsPerDay = FIT_STEPS_PER_DAY): number {
  return logCountLoss(modelDailyCases(p, w.end + 1, population, stepsPerDay), data, w);
}

/**
 * Where figure 2c starts: a textbook guess (R₀ = 2.5, five days infectious, one New Yorker in a
 * million infected on 29 February) with one infection in fifty confirmed, since tests were scarce
 * that spring; with one in ten the guess peaks near 49,000 cases a day, off the top of the chart
 * (20,000), and at one in fifty it peaks near 9,800, inside it. A window over the rise and the
 * first peak. The window opens on 8 March: before that, tests were so scarce that the counts
 * climbed faster than any epidemic (testing was catching up), which no SIR curve can follow.
 */
export const NYC_FIT_START: SirFitParams = { beta: 0.5, gamma: 0.2, i0: 1e-6, rho: 0.02 };
export const NYC_FIT_WINDOW: FitWindow = { start: dayOfIso('2020-03-08'), end: dayOfIso('2020-04-20') };

/** The four leaves of the graph, each of shape [B]: B independent fits run side by side. */
export interface FitLeaves {
  logBeta: Tensor;
  logGamma: Tensor;
  logI0: Tensor;
  logitRho: Tensor;
}

/**
 * The loss as a graph on the engine's tape, for B fits side by side: returns a tensor of shape [B],
 * each fit's mean squared log-count error over the window. The integration is one fused op
 * (sir-op.ts: every RK4 step, with its exact reverse-mode derivative); the link from the
 * unconstrained leaves to (β, γ, i0, ρ) and the loss are the engine's own ops.
 */
export function sirFitGraph(
  tape: Tape,
  leaves: FitLeaves,
  data: readonly number[],
  w: FitWindow,
  population: number,
  stepsPerDay = FIT_STEPS_PER_DAY
): Tensor {
  const B = leaves.logBeta.size;
  const beta = exp(tape, leaves.logBeta);
  const gamma = exp(tape, leaves.logGamma);
  const i0 = exp(tape, leaves.logI0);
  const scale = mul(tape, sigmoid(tape, leaves.logitRho), population); // ρ·N, shape [B]
  const daily = sirDailyInfections(tape, i0, beta, gamma, w.end + 1, stepsPerDay); // [days, B]
  const days = w.end - w.start + 1;
  const inWindow = slice(tape, daily, [w.start, 0], [days, B]);
  const predicted = log(tape, add(tape, mul(tape, inWindow, scale), 1));
  const target = tensor(data.slice(w.start, w.end + 1).map((c) => Math.log1p(c)), [days, 1]);
  const r = sub(tape, predicted, target);
  return mean(tape, mul(tape, r, r), 0);
}

/**
 * Leaves for one fit (B = 1) starting from `p`. All four are trainable unless `holdRho`: then ρ is
 * a constant and the fit finds the best β, γ and i0 for that ρ.
 */
export function leavesFrom(p: SirFitParams, holdRho = false): FitLeaves {
  const u = toUnconstrained(p);
  return {
    logBeta: param([u[0]], 'log_beta'),
    logGamma: param([u[1]], 'log_gamma'),
    logI0: param([u[2]], 'log_i0'),
    logitRho: holdRho ? tensor([u[3]]) : param([u[3]], 'logit_rho')
  };
}

export function paramsOf(leaves: FitLeaves, b = 0): SirFitParams {
  return fromUnconstrained([leaves.logBeta.data[b], leaves.logGamma.data[b], leaves.logI0.data[b], leaves.logitRho.data[b]]);
}

/** Adam's step size on the unconstrained coordinates: 0.05 moves β by about 5% per step at most. */
export const FIT_LEARNING_RATE = 0.05;

/**
 * Runs Adam on the graph's summed loss for `steps` steps (synchronously: for tests and scripts;
 * the page runs the same steps in a worker). Only leaves with requiresGrad move.
 * Returns the per-fit losses of the final parameters.
 */
export function runFit(
  leaves: FitLeaves,
  data: readonly number[],
  w: FitWindow,
  population: number,
  steps: number,
  lr = FIT_LEARNING_RATE
): Float32Array {
  const trainable = [leaves.logBeta, leaves.logGamma, leaves.logI0, leaves.logitRho].filter((t) => t.requiresGrad);
  const opt = new Adam(trainable, { lr });
  const tape = new Tape({ reuseBuffers: true });
  for (let i = 0; i < steps; i++) {
    tape.reset();
    const losses = sirFitGraph(tape, leaves, data, w, population);
    tape.backward(losses); // seed 1 for every fit: the fits are independent, so each gets its own gradient
    opt.step();
  }
  return sirFitGraph(new Tape({ record: false }), leaves, data, w, population).data.slice();
}

/** Loss over a grid of (β, γ), log-spaced, with i0 and ρ held fixed: the landscape figure 2c draws. */
export interface LossSurface {
  betas: number[];
  gammas: number[];
  /** values[j * betas.length + i] is the loss at (betas[i], gammas[j]). */
  values: Float64Array;
  i0: number;
  rho: number;
}

/** The ranges the sliders and the landscape of figure 2c cover, per day. */
export const BETA_RANGE: [number, number] = [0.05, 3];
export const GAMMA_RANGE: [number, number] = [0.02, 2];

export function logSpaced(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));
}

export function lossSurface(
  nuisance: Pick<SirFitParams, 'i0' | 'rho'>,
  data: readonly number[],
  w: FitWindow,
  population: number,
  n = 48
): LossSurface {
  const betas = logSpaced(BETA_RANGE[0], BETA_RANGE[1], n);
  const gammas = logSpaced(GAMMA_RANGE[0], GAMMA_RANGE[1], n);
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      values[j * n + i] = fitLoss({ beta: betas[i], gamma: gammas[j], i0: nuisance.i0, rho: nuisance.rho }, data, w, population);
    }
  }
  return { betas, gammas, values, i0: nuisance.i0, rho: nuisance.rho };
}
