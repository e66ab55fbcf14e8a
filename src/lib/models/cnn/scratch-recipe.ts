/**
 * Training figure 7b's "train from scratch" recipe (scratch-plan.ts) against a clock: the shared
 * CnnTraining step with the learning rate read off the fraction of the time budget spent, scoring
 * over several views of each photo, and the 200 training photos held out for choosing the recipe.
 */
import { CHANNELS, IMAGE_SIZE, PIXELS_PER_IMAGE, TRAIN_PER_CLASS } from '../../data/cats-dogs';
import { evaluate } from './cnn';
import { CnnTraining } from './cnn-training';
import { learningRateAt, type ScratchRecipe, type TestViews } from './scratch-plan';

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
   * Photos right out of `labels.length`, each scored over the recipe's views of it (`views`: the
   * photos' other views, precomputed by a caller that scores the same photos often).
   */
  correct(images: Uint8Array, labels: ArrayLike<number>, views = testViews(images, this.recipe.testViews)): number {
    return evaluate(this.run.net, images, labels, 100, views).correct;
  }
}

/**
 * The other views of every photo a score averages over: none (1), the mirror image (2), or the
 * mirror image and both shifted by 2 pixels down and right (4) — training shows the network such
 * mirrored and shifted photos, so it has learnt to answer for them too.
 */
export function testViews(images: Uint8Array, views: TestViews): Uint8Array[] {
  if (views === 1) return [];
  const mirrored = mirrorPhotos(images);
  return views === 2 ? [mirrored] : [mirrored, shiftPhotos(images, 2, 2), shiftPhotos(mirrored, 2, 2)];
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

/**
 * Every photo shifted by dx pixels right and dy down (a copy): pixel (r, c) comes from
 * (r − dy, c − dx); the uncovered border is mid-grey (128, about 0 after scaling, as in training).
 */
export function shiftPhotos(images: Uint8Array, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(images.length).fill(128);
  const S = IMAGE_SIZE, C = CHANNELS;
  for (let base = 0; base < images.length; base += PIXELS_PER_IMAGE) {
    for (let r = Math.max(0, dy); r < Math.min(S, S + dy); r++) {
      const from = base + ((r - dy) * S + Math.max(0, -dx)) * C;
      const to = base + (r * S + Math.max(0, dx)) * C;
      out.set(images.subarray(from, from + (S - Math.abs(dx)) * C), to);
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
