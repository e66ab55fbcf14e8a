/**
 * Figure 5d's training run, for the worker loop (src/lib/workers/loop.ts): the section-4 network,
 * full batch over all days, with a choice of optimiser, learning rate, width and seed.
 * Changing the learning rate or the optimiser takes effect at once (a new optimiser starts with
 * fresh moment estimates); changing the width or the seed needs a reset, which rebuilds the network.
 */
import { type Optimizer, Tape } from '$lib/engine';
import type { Trainer } from '../trainer';
import { Mlp } from './mlp';
import { type CurveTask, NYC_TASK, taskOf } from './nyc-curve-task';
import { type OptimizerKind, makeOptimizer } from '../descent/optimizers';

export interface NycTrainConfig {
  lr: number;
  optimizer: OptimizerKind;
  /** Units in each hidden layer. */
  width: number;
  seed: number;
  /** The daily counts to fit; the trainer's own task (New York's) when absent. */
  counts?: readonly number[];
  /** Stop after this many steps (a run to completion); no end when absent. */
  steps?: number;
}

export interface NycTrainSnapshot {
  /** The network's output on every day, in scaled units. */
  prediction: number[];
  knobCount: number;
  /** Every knob, in the order of Mlp.getKnobs (for the export and for a run to completion). */
  knobs: number[];
}

export class NycMlpTrainer implements Trainer<NycTrainConfig, NycTrainSnapshot> {
  private net!: Mlp;
  private optimizer!: Optimizer;
  private config!: NycTrainConfig;
  private readonly tape = new Tape({ reuseBuffers: true });
  private task: CurveTask;
  private steps = 0;

  constructor(private readonly defaultTask: CurveTask = NYC_TASK) {
    this.task = defaultTask;
  }

  reset(config: NycTrainConfig): void {
    this.config = { ...config };
    this.task = config.counts ? taskOf(config.counts) : this.defaultTask;
    this.steps = 0;
    this.net = new Mlp(config.width, config.seed);
    this.optimizer = makeOptimizer(config.optimizer, this.net.parameters(), config.lr);
  }

  configure(patch: Partial<NycTrainConfig>): void {
    const next = { ...this.config, ...patch };
    if (next.width !== this.config.width || next.seed !== this.config.seed || next.counts !== this.config.counts) {
      throw new Error('width, seed and data take effect on reset');
    }
    if (next.optimizer !== this.config.optimizer) this.optimizer = makeOptimizer(next.optimizer, this.net.parameters(), next.lr);
    else this.optimizer.lr = next.lr;
    this.config = next;
  }

  step(): number {
    const { loss } = this.net.lossAndGradient(this.task, this.tape);
    this.optimizer.step();
    this.steps++;
    return loss;
  }

  finished(): boolean {
    return this.config.steps !== undefined && this.steps >= this.config.steps;
  }

  snapshot(): NycTrainSnapshot {
    return { prediction: Array.from(this.net.predict(this.task.x)), knobCount: this.net.knobCount, knobs: Array.from(this.net.getKnobs()) };
  }

  /** The network being trained (for tests). */
  get network(): Mlp {
    return this.net;
  }
}

/**
 * The whole training run behind the shipped network (scripts/train-mlp.ts), through the same
 * trainer the live figure's worker uses: the figure, run with these settings for this many steps,
 * arrives at the same knobs.
 */
export function trainNycMlp(config: NycTrainConfig, steps: number, task: CurveTask = NYC_TASK): Mlp {
  const trainer = new NycMlpTrainer(task);
  trainer.reset(config);
  for (let s = 0; s < steps; s++) {
    if (!Number.isFinite(trainer.step())) throw new Error(`training diverged at step ${s}`);
  }
  return trainer.network;
}
