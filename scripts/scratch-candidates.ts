/**
 * The recipes scripts/choose-scratch-recipe.ts tries for figure 7b's one-minute "train from
 * scratch", each a variation of BASE (the shipped network's recipe, made a function of the time
 * budget). All are of the shipped network's family (3×3 convolutions, batch norm, ReLU, 2×2
 * max-pools, global average pool, one dense layer).
 */
import type { ScratchRecipe } from '../src/lib/models/cnn/scratch-plan';

const BASE: ScratchRecipe = {
  name: 'shipped',
  layout: { channels: [16, 16, 32, 32, 64, 64], poolAfter: [1, 3], dropout: 0.2 },
  batchSize: 32,
  peakLr: 3e-3,
  weightDecay: 0.05,
  warmup: 0.1,
  decay: 'cosine',
  maxShift: 4,
  flip: true,
  labelSmoothing: 0,
  testViews: 1
};

/** One conv per stage, four stages: a fraction of the shipped network's cost per photo. */
const SLIM = { channels: [16, 32, 64, 128], poolAfter: [0, 1, 2], dropout: 0.2 };
const WIDE_SLIM = { channels: [24, 48, 96, 192], poolAfter: [0, 1, 2], dropout: 0.2 };
const FIVE = { channels: [16, 32, 32, 64, 64], poolAfter: [0, 2], dropout: 0.2 };

const variant = (name: string, change: Partial<ScratchRecipe>): ScratchRecipe => ({ ...BASE, ...change, name });

/**
 * static/models/scratch-recipe.json holds the final round (`--only shipped,slim,slim-lr6,slim-b16,
 * wide-slim,five,slim-lr6-nodrop,slim-lr10 --seeds 1,2`, and slim-lr6-nodrop `--speedup 2`).
 * slim-b64, slim-ls, slim-noshift, slim-linear, slim-nodrop, slim-shift2 and slim5 were tried once
 * in an earlier exploratory round (seed 1, budgets then timed on a loaded wall clock, scored over 1
 * and 2 views; its file was not kept): held out, with the mirror images, 69.0, 70.0, 73.5, 73.5,
 * 71.5, 72.5 and 69.5 % against slim's 75.0 %, none better than the ±3 % a 200-photo score wobbles
 * by. slim-wd2 was not run.
 */
export const CANDIDATES: ScratchRecipe[] = [
  BASE,
  variant('slim', { layout: SLIM }),
  variant('slim-b64', { layout: SLIM, batchSize: 64, peakLr: 4e-3 }),
  variant('slim-lr6-nodrop', { layout: { ...SLIM, dropout: 0 }, peakLr: 6e-3 }),
  variant('slim-lr10', { layout: SLIM, peakLr: 1e-2 }),
  variant('slim-lr6', { layout: SLIM, peakLr: 6e-3 }),
  variant('slim-ls', { layout: SLIM, labelSmoothing: 0.2 }),
  variant('slim-noshift', { layout: SLIM, maxShift: 0 }),
  variant('slim-linear', { layout: SLIM, decay: 'linear' }),
  variant('wide-slim', { layout: WIDE_SLIM }),
  variant('slim-nodrop', { layout: { ...SLIM, dropout: 0 } }),
  variant('slim-b16', { layout: SLIM, batchSize: 16, peakLr: 2e-3 }),
  variant('slim-shift2', { layout: SLIM, maxShift: 2 }),
  variant('slim5', { layout: { channels: [16, 32, 64, 128, 256], poolAfter: [0, 1, 2, 3], dropout: 0.2 } }),
  variant('slim-wd2', { layout: SLIM, weightDecay: 0.2 }),
  variant('five', { layout: FIVE })
];
