/**
 * Training figure 7b's "train from scratch" recipe (scratch-plan.ts) against a clock: the shared
 * CnnTraining step with the learning rate read off the fraction of the time budget spent, scoring
 * with mirror images, and the 200 training photos held out for choosing the recipe.
 */
import { CHANNELS, IMAGE_SIZE, PIXELS_PER_IMAGE, TRAIN_PER_CLASS } from '../../data/cats-dogs';
import { evaluate } from './cnn';
import { CnnTraining } from './cnn-training';
import { learningRateAt, type ScratchRecipe } from './scratch-plan';

/** A CnnTraining whose learning rate follows the time budget: set `progress` before each step. */
export class TimedCnnTraining {
  readonly run: CnnTraining;
  /** Fraction of the budget spent, set by the caller's clock (real or, in experiments, counted). */
  progress = 0;

  constructor(
    readonly recipe: ScratchRecipe,
    seed: number,
    images: Uint8Array,
    labels: ArrayLike<number>,
    indices?: readonly number[]
  ) {
    this.run = new CnnTraining(
      {
        seed,
        epochs: Infinity, // the clock ends the run, not an epoch count
        batchSize: recipe.batchSize,
        peakLr: recipe.peakLr,
        weightDecay: recipe.weightDecay,
        warmupEpochs: 0,
        maxShift: recipe.maxShift,
        flip: recipe.flip,
        labelSmoothing: recipe.labelSmoothing
      },
      images,
      labels,
      { indices, layout: recipe.layout, lr: () => learningRateAt(recipe, this.progress) }
    );
  }

  currentLr(): number {
    return learningRateAt(this.recipe, this.progress);
  }

  step(): number {
    return this.run.step();
  }

  /**
   * Photos right out of `labels.length`, scored as the recipe says: alone, or with their mirror
   * images (`mirrored`, precomputed by a caller that scores the same photos often).
   */
  correct(images: Uint8Array, labels: ArrayLike<number>, mirrored?: Uint8Array): number {
    if (!this.recipe.mirrorAtTest) return evaluate(this.run.net, images, labels).correct;
    return evaluate(this.run.net, images, labels, 100, mirrored ?? mirrorPhotos(images)).correct;
  }
}

/** Every photo mirrored left–right (HWC bytes, 32×32×3 each): a copy. */
export function mirrorPhotos(images: Uint8Array): Uint8Array {
  const out = new Uint8Array(images.length);
  const S = IMAGE_SIZE, C = CHANNELS;
  for (let base = 0; base < images.length; base += PIXELS_PER_IMAGE) {
    for (let r = 0; r < S; r++) {
      for (let c = 0; c < S; c++) {
        const from = base + (r * S + c) * C, to = base + (r * S + (S - 1 - c)) * C;
        out[to] = images[from];
        out[to + 1] = images[from + 1];
        out[to + 2] = images[from + 2];
      }
    }
  }
  return out;
}

/** Photos held out of the training split to choose the recipe: the last of each class. */
export const VALIDATION_PER_CLASS = 100;

/** Indices into the training split: the photos to train on, and the 200 held out for choosing. */
export function validationSplit(): { train: number[]; validation: number[] } {
  const train: number[] = [], validation: number[] = [];
  for (let i = 0; i < 2 * TRAIN_PER_CLASS; i++) {
    (i % TRAIN_PER_CLASS >= TRAIN_PER_CLASS - VALIDATION_PER_CLASS ? validation : train).push(i);
  }
  return { train, validation };
}
