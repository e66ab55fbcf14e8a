/**
 * Figure 7b's "train from scratch": the CNN's own recipe (cnn-training.ts) wrapped as a Trainer for
 * the worker loop, on the 1,600 training photos, with the 400 test photos measured after every
 * epoch so the reader sees the test accuracy climb.
 */
import type { Trainer } from '../trainer';
import { CnnTraining, DEFAULT_TRAINING } from './cnn-training';
import { evaluate } from './cnn';
import { decodePhotoSet, SPLIT_FILES, type PhotoSet, type Split } from '../../data/cats-dogs';

export interface ScratchConfig {
  epochs: number;
  seed: number;
  /** Where the split files are (the site's data folder). */
  dataUrl: string;
}

/** Reads a file's bytes synchronously (the worker's loader); the page never copies the photos. */
export type LoadBytes = (url: string) => Uint8Array;

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
  private sets = new Map<Split, PhotoSet>();
  private test: PhotoSet | null = null;

  constructor(private readonly load: LoadBytes) {}

  private photos(config: ScratchConfig, split: Split): PhotoSet {
    let set = this.sets.get(split);
    if (!set) {
      set = decodePhotoSet(this.load(`${config.dataUrl}/${SPLIT_FILES[split]}`), split);
      this.sets.set(split, set);
    }
    return set;
  }
  private accuracy: { epoch: number; accuracy: number }[] = [];
  private recent: number[] = [];

  reset(config: ScratchConfig): void {
    const train = this.photos(config, 'train');
    this.test = this.photos(config, 'test');
    this.run = new CnnTraining(
      { ...DEFAULT_TRAINING, epochs: config.epochs, seed: config.seed, warmupEpochs: 1 },
      train.images,
      train.labels
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
      const test = this.test!;
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
