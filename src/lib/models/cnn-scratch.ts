/**
 * Figure 7b's "train from scratch": the CNN's own recipe (cnn-training.ts) wrapped as a Trainer for
 * the worker loop, on the 1,600 training photos, with the 400 test photos measured after every
 * epoch so the reader sees the test accuracy climb.
 */
import type { Trainer } from '../workers/protocol';
import { CnnTraining, DEFAULT_TRAINING } from './cnn-training';
import { evaluate } from './cnn';

export interface ScratchConfig {
  epochs: number;
  seed: number;
  train: { images: Uint8Array; labels: Uint8Array };
  test: { images: Uint8Array; labels: Uint8Array };
}

const RECENT = 20;

export interface ScratchSnapshot {
  epoch: number;
  epochs: number;
  steps: number;
  totalSteps: number;
  learningRate: number;
  /** Mean training loss over the last RECENT steps (one step's loss is noisy). */
  recentLoss: number;
  /** Test accuracy after each completed epoch. */
  accuracy: { epoch: number; accuracy: number }[];
  /** The first layer's 16 filters [3, 3, 3, 16] as they are now. */
  filters: Float32Array;
}

export class ScratchTrainer implements Trainer<ScratchConfig, ScratchSnapshot> {
  private run: CnnTraining | null = null;
  private config: ScratchConfig | null = null;
  private accuracy: { epoch: number; accuracy: number }[] = [];
  private recent: number[] = [];

  reset(config: ScratchConfig): void {
    this.config = config;
    this.run = new CnnTraining(
      { ...DEFAULT_TRAINING, epochs: config.epochs, seed: config.seed, warmupEpochs: 1 },
      config.train.images,
      config.train.labels
    );
    this.accuracy = [];
    this.recent = [];
  }

  configure(): void {
    // Nothing changes mid-run: the recipe is fixed so the run matches the shipped script's.
  }

  step(): number {
    const run = this.need();
    const loss = run.step();
    this.recent.push(loss);
    if (this.recent.length > RECENT) this.recent.shift();
    if (run.steps % run.stepsPerEpoch === 0) {
      const { test } = this.config!;
      const { correct } = evaluate(run.net, test.images, test.labels);
      this.accuracy = [...this.accuracy, { epoch: run.steps / run.stepsPerEpoch, accuracy: correct / test.labels.length }];
    }
    return loss;
  }

  finished(): boolean {
    return this.need().finished;
  }

  snapshot(): ScratchSnapshot {
    const run = this.need();
    return {
      epoch: run.epoch,
      epochs: run.config.epochs,
      steps: run.steps,
      totalSteps: run.totalSteps,
      learningRate: run.currentLr(),
      recentLoss: this.recent.length ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length : NaN,
      accuracy: this.accuracy,
      filters: run.net.convs[0].data.slice()
    };
  }

  private need(): CnnTraining {
    if (!this.run) throw new Error('train from scratch: no run yet');
    return this.run;
  }
}
