/**
 * Figure 2c's gradient descent as a Trainer for the worker loop (workers/loop.ts): Adam on the
 * engine's tape through the SIR integration (sir-fit.ts), starting from wherever the reader left
 * the sliders. Each snapshot carries what the figure draws: the parameters, the path in (β, γ) so
 * far and the loss landscape at the current i0 and ρ.
 */
import { Adam, Tape } from '$lib/engine';
import type { Trainer } from '../trainer';
import {
  FIT_LEARNING_RATE,
  fitLoss,
  leavesFrom,
  lossSurface,
  paramsOf,
  sirFitGraph,
  toUnconstrained,
  type FitLeaves,
  type FitWindow,
  type LossSurface,
  type SirFitParams
} from './sir-fit';

export interface SirFitConfig {
  start: SirFitParams;
  window: FitWindow;
  lr?: number;
  /** Keep ρ where the reader set it and fit only β, γ and i0. */
  holdRho?: boolean;
  /** Fit this series instead of the one the trainer was made with (the reader's own data). */
  series?: { values: readonly number[]; population: number };
}

export interface SirFitSnapshot {
  params: SirFitParams;
  /** The loss at `params`, in float64 (the same number the hand fit shows). */
  loss: number;
  /** (β, γ) after each recorded step, starting with the start point, flat: β₀, γ₀, β₁, γ₁ … */
  path: Float64Array;
  /** The landscape, or null when it has not changed since the previous snapshot (saves copying it). */
  surface: LossSurface | null;
  converged: boolean;
}

/** Stop when the loss has improved by less than this fraction (0.01%) over the last CHECK_EVERY steps. */
const CONVERGED = 1e-4;
const CHECK_EVERY = 200;
export const MAX_FIT_STEPS = 6000;

export class SirFitTrainer implements Trainer<SirFitConfig, SirFitSnapshot> {
  private leaves!: FitLeaves;
  private opt!: Adam;
  private readonly tape = new Tape({ reuseBuffers: true });
  private window!: FitWindow;
  private steps = 0;
  private path: number[] = [];
  private surfaceSent = false;
  private lastCheck = Infinity;
  private converged = false;
  private surface!: LossSurface;
  private surfaceStep = 0;

  constructor(
    private data: readonly number[],
    private population: number
  ) {}

  reset(config: SirFitConfig): void {
    if (config.series) {
      if (!(config.series.population > 0)) throw new Error('The population N must be a positive number.');
      this.data = config.series.values;
      this.population = config.series.population;
    }
    const w = config.window;
    if (!(w.start >= 0 && w.end < this.data.length && w.end - w.start >= 2)) throw new Error('The fit window needs at least three days of data.');
    if (!toUnconstrained(config.start).every(Number.isFinite)) throw new Error('The starting values must be positive, with ρ below 1.');
    this.window = { ...w };
    this.leaves = leavesFrom(config.start, config.holdRho ?? false);
    const trainable = [this.leaves.logBeta, this.leaves.logGamma, this.leaves.logI0, this.leaves.logitRho].filter((t) => t.requiresGrad);
    this.opt = new Adam(trainable, { lr: config.lr ?? FIT_LEARNING_RATE });
    this.steps = 0;
    this.path = [config.start.beta, config.start.gamma];
    this.lastCheck = Infinity;
    this.converged = false;
    this.surface = lossSurface(config.start, this.data, this.window, this.population);
    this.surfaceStep = 0;
    this.surfaceSent = false;
  }

  configure(patch: Partial<SirFitConfig>): void {
    if (patch.lr !== undefined) this.opt.lr = patch.lr;
  }

  step(): number {
    this.tape.reset();
    const loss = sirFitGraph(this.tape, this.leaves, this.data, this.window, this.population);
    const value = loss.item();
    this.tape.backward(loss);
    this.opt.step();
    this.steps++;
    // Every step early on, when the parameters move fast; every tenth later (keeps snapshots small).
    if (this.steps <= 200 || this.steps % 10 === 0) {
      const p = paramsOf(this.leaves);
      this.path.push(p.beta, p.gamma);
    }
    if (this.steps % CHECK_EVERY === 0) {
      this.converged = this.lastCheck - value < CONVERGED * value;
      this.lastCheck = value;
    }
    return value;
  }

  finished(): boolean {
    return this.converged || this.steps >= MAX_FIT_STEPS;
  }

  snapshot(): SirFitSnapshot {
    const params = paramsOf(this.leaves);
    // The landscape depends on i0 and ρ; redraw it when they have moved visibly (at most every 50 steps).
    const moved = Math.abs(Math.log(params.i0 / this.surface.i0)) + Math.abs(Math.log(params.rho / this.surface.rho));
    if ((moved > 0.02 && this.steps - this.surfaceStep >= 50) || (this.finished() && moved > 0)) {
      this.surface = lossSurface(params, this.data, this.window, this.population);
      this.surfaceStep = this.steps;
      this.surfaceSent = false;
    }
    const surface = this.surfaceSent ? null : this.surface;
    this.surfaceSent = true;
    return {
      params,
      loss: fitLoss(params, this.data, this.window, this.population),
      path: Float64Array.from(this.path),
      surface,
      converged: this.converged
    };
  }
}
