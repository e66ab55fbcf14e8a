/**
 * Figure 7b's "train from scratch": the recipe chosen on held-out photos (scratch-plan.ts, the
 * choice in static/models/scratch-recipe.json) wrapped as a Trainer for the worker loop, trained on
 * the 1,600 training photos for a budget of seconds. The 400 test photos are scored every
 * SCORE_EVERY_SECONDS and at the end so the reader sees the test accuracy climb against time;
 * they are never used to choose anything.
 *
 * The clock counts the time spent inside step() (the scorings included), so a paused run does not
 * use up its minute. Training stops early enough for the last scoring (as long as the one before)
 * to end within the budget, and the learning rate follows the fraction of that training time spent.
 */
import type { Trainer } from '../trainer';
import { decodePhotoSet, SPLIT_FILES, TRAIN_PER_CLASS, type PhotoSet, type Split } from '../../data/cats-dogs';
import { BUDGET_SECONDS, SCORE_EVERY_SECONDS, type ScratchRecipe } from './scratch-plan';
import { SCRATCH_RECIPE } from './scratch-chosen';
import { TimedCnnTraining, testViews } from './scratch-recipe';

export interface ScratchConfig {
  seed: number;
  /** Where the split files are (the site's data folder). */
  dataUrl: string;
  /** The time budget (default BUDGET_SECONDS; the browser tests ask for less). */
  seconds?: number;
}

/** Reads a file's bytes synchronously (the worker's loader); the page never copies the photos. */
export type LoadBytes = (url: string) => Uint8Array;

const RECENT = 20;

export interface ScratchPoint {
  /** Seconds of training when the weights were scored. */
  seconds: number;
  accuracy: number;
}

export interface ScratchSnapshot {
  /** Seconds of training so far, and the budget. */
  seconds: number;
  budgetSeconds: number;
  steps: number;
  /** Passes over the training photos so far (steps × batch / photos). */
  epoch: number;
  batchSize: number;
  learningRate: number;
  /** Mean training loss over the last RECENT steps (one step's loss is noisy). */
  recentLoss: number;
  /** Test accuracy at each scoring. */
  accuracy: ScratchPoint[];
  /** The first layer's filters [3, 3, 3, out] as they are now. */
  filters: Float32Array;
  done: boolean;
}

export class ScratchTrainer implements Trainer<ScratchConfig, ScratchSnapshot> {
  private run: TimedCnnTraining | null = null;
  private sets = new Map<Split, PhotoSet>();
  /** The test photos and the other views of them the recipe scores with (made once). */
  private test: { set: PhotoSet; views: Uint8Array[] } | null = null;
  private budget = BUDGET_SECONDS;
  private seconds = 0;
  private nextScoring = SCORE_EVERY_SECONDS;
  /** How long the last scoring took: the time kept back at the end for the final one. */
  private scoringSeconds = 0;
  private done = false;
  private accuracy: ScratchPoint[] = [];
  private recent: number[] = [];

  constructor(
    private readonly load: LoadBytes,
    /** Milliseconds, for the clock (a test gives its own). */
    private readonly now: () => number = () => performance.now(),
    readonly recipe: ScratchRecipe = SCRATCH_RECIPE
  ) {}

  private photos(config: ScratchConfig, split: Split): PhotoSet {
    let set = this.sets.get(split);
    if (!set) {
      set = decodePhotoSet(this.load(`${config.dataUrl}/${SPLIT_FILES[split]}`), split);
      this.sets.set(split, set);
    }
    return set;
  }

  reset(config: ScratchConfig): void {
    const train = this.photos(config, 'train');
    const test = this.photos(config, 'test');
    if (this.test?.set !== test) this.test = { set: test, views: testViews(test.images, this.recipe.testViews) };
    this.run = new TimedCnnTraining(this.recipe, config.seed, train.images, train.labels);
    this.budget = config.seconds ?? BUDGET_SECONDS;
    this.seconds = 0;
    this.nextScoring = Math.min(SCORE_EVERY_SECONDS, this.budget);
    this.scoringSeconds = 0;
    this.done = false;
    this.accuracy = [];
    this.recent = [];
  }

  configure(): void {
    // Nothing changes mid-run: the recipe is the one chosen on the held-out photos.
  }

  step(): number {
    const run = this.need();
    const started = this.now();
    run.progress = this.seconds / this.trainingSeconds();
    const loss = run.step();
    this.recent.push(loss);
    if (this.recent.length > RECENT) this.recent.shift();
    this.seconds += (this.now() - started) / 1000;
    if (this.seconds >= this.trainingSeconds()) this.done = true;
    if (this.done || this.seconds >= this.nextScoring) {
      this.score();
      while (this.nextScoring <= this.seconds) this.nextScoring += SCORE_EVERY_SECONDS;
    }
    return loss;
  }

  /** Seconds of the budget for training steps: all but the time kept for the final scoring. */
  private trainingSeconds(): number {
    return Math.max(this.budget / 2, this.budget - this.scoringSeconds);
  }

  /** Scores the test photos (the time it takes counts), stamped with the seconds trained so far. */
  private score(): void {
    const started = this.now();
    const { set, views } = this.test!;
    const correct = this.need().correct(set.images, set.labels, views);
    this.scoringSeconds = (this.now() - started) / 1000;
    this.seconds += this.scoringSeconds;
    this.accuracy = [...this.accuracy, { seconds: this.seconds, accuracy: correct / set.count }];
  }

  finished(): boolean {
    return this.done;
  }

  snapshot(): ScratchSnapshot {
    const run = this.need();
    const { batchSize } = this.recipe;
    return {
      seconds: this.seconds,
      budgetSeconds: this.budget,
      steps: run.run.steps,
      epoch: (run.run.steps * batchSize) / (2 * TRAIN_PER_CLASS),
      batchSize,
      learningRate: run.currentLr(),
      recentLoss: this.recent.length ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length : NaN,
      accuracy: this.accuracy,
      filters: run.run.net.convs[0].data.slice(),
      done: this.done
    };
  }

  private need(): TimedCnnTraining {
    if (!this.run) throw new Error('train from scratch: no run yet');
    return this.run;
  }
}
