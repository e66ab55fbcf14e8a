// Figure 7b's one-minute recipe: the learning rate as a function of the time spent, the mirror
// images scored beside the photos, the 200 held-out photos, and the committed choice re-checked
// against the candidates' results the choosing script wrote.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePhotoSet, photo, SPLIT_FILES, TRAIN_PER_CLASS } from '$lib/data/cats-dogs';
import { createCnn, evaluate, predictProbabilities } from '$lib/models/cnn/cnn';
import { BUDGET_SECONDS, SCORINGS_IN_BUDGET, describeRecipe, learningRateAt, type ScratchRecipe } from '$lib/models/cnn/scratch-plan';
import { TimedCnnTraining, mirrorPhotos, shiftPhotos, testViews, validationSplit } from '$lib/models/cnn/scratch-recipe';
import { SCRATCH_RECIPE } from '$lib/models/cnn/scratch-chosen';

const test = decodePhotoSet(new Uint8Array(readFileSync(`static/data/${SPLIT_FILES.test}`)), 'test');

describe('learningRateAt', () => {
  const cosine = { peakLr: 0.004, warmup: 0.2, decay: 'cosine' as const };
  const linear = { ...cosine, decay: 'linear' as const };
  it('climbs linearly from 0 to the peak over the warm-up, then falls to exactly 0 at the end of the budget', () => {
    for (const r of [cosine, linear]) {
      expect(learningRateAt(r, 0)).toBe(0);
      expect(learningRateAt(r, 0.1)).toBeCloseTo(0.002, 15);
      expect(learningRateAt(r, 0.2)).toBeCloseTo(0.004, 15);
      expect(learningRateAt(r, 1)).toBeCloseTo(0, 15);
      // A slow device past its budget, or a clock read early: clamped to the ends.
      expect(learningRateAt(r, 1.5)).toBeCloseTo(0, 15);
      expect(learningRateAt(r, -1)).toBe(0);
    }
  });
  it('halfway down: half the peak for both shapes; a quarter down: 3/4 (linear) and (1 + cos π/4)/2 (cosine)', () => {
    expect(learningRateAt(linear, 0.6)).toBeCloseTo(0.002, 15);
    expect(learningRateAt(cosine, 0.6)).toBeCloseTo(0.002, 15);
    expect(learningRateAt(linear, 0.4)).toBeCloseTo(0.003, 15);
    expect(learningRateAt(cosine, 0.4)).toBeCloseTo(0.002 * (1 + Math.SQRT1_2), 15);
  });
  it('never rises after the warm-up', () => {
    for (const r of [cosine, linear]) {
      let last = Infinity;
      for (let p = 0.2; p <= 1; p += 0.01) {
        const lr = learningRateAt(r, p);
        expect(lr).toBeLessThanOrEqual(last + 1e-18);
        last = lr;
      }
    }
  });
});

describe('test views', () => {
  it('mirror each photo left–right: pixel (r, c) comes from (r, 31 − c), and twice is the photo again', () => {
    const two = test.images.subarray(0, 2 * 3072);
    const m = mirrorPhotos(two);
    for (const k of [0, 1]) for (const [r, c] of [[0, 0], [5, 31], [17, 9]]) for (let ch = 0; ch < 3; ch++) {
      expect(m[k * 3072 + (r * 32 + c) * 3 + ch]).toBe(two[k * 3072 + (r * 32 + (31 - c)) * 3 + ch]);
    }
    expect(mirrorPhotos(m)).toEqual(two);
  });
  it('shift each photo: pixel (r, c) comes from (r − dy, c − dx), mid-grey where nothing comes from', () => {
    const two = test.images.subarray(3072, 3 * 3072);
    for (const [dx, dy] of [[2, 2], [-3, 1], [0, -2]]) {
      const s = shiftPhotos(two, dx, dy);
      for (let k = 0; k < 2; k++) for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) for (let ch = 0; ch < 3; ch++) {
        const sr = r - dy, sc = c - dx;
        const expected = sr >= 0 && sr < 32 && sc >= 0 && sc < 32 ? two[k * 3072 + (sr * 32 + sc) * 3 + ch] : 128;
        expect(s[k * 3072 + (r * 32 + c) * 3 + ch]).toBe(expected);
      }
    }
  });
  it('1, 2 or 4 views: the photo alone, with its mirror image, and both shifted by 2 pixels', () => {
    const one = photo(test, 9);
    expect(testViews(one, 1)).toEqual([]);
    expect(testViews(one, 2)).toEqual([mirrorPhotos(one)]);
    expect(testViews(one, 4)).toEqual([mirrorPhotos(one), shiftPhotos(one, 2, 2), shiftPhotos(mirrorPhotos(one), 2, 2)]);
  });
  it('evaluate() with views decides by the sum (so the mean) of the probabilities over the views', () => {
    const net = createCnn(4, { channels: [4, 8], poolAfter: [0], dropout: 0 });
    const images = test.images.subarray(195 * 3072, 205 * 3072), labels = test.labels.subarray(195, 205);
    const views = testViews(images, 4);
    const probs = [images, ...views].map((v) => predictProbabilities(net, v, 10));
    const { predicted, correct } = evaluate(net, images, labels, 4, views);
    const sum = (i: number, cls: number) => probs.reduce((s, p) => s + p[2 * i + cls], 0);
    const expected = Array.from({ length: 10 }, (_, i) => (sum(i, 1) > sum(i, 0) ? 1 : 0));
    expect([...predicted]).toEqual(expected);
    expect(correct).toBe(expected.filter((p, i) => p === labels[i]).length);
  });
});

describe('validationSplit', () => {
  it('holds out the last 100 training photos of each class, disjoint from the 1,400 it trains on', () => {
    const { train, validation } = validationSplit();
    expect(train.length).toBe(1400);
    expect(validation.length).toBe(200);
    expect(new Set([...train, ...validation]).size).toBe(2 * TRAIN_PER_CLASS);
    expect(validation.filter((i) => i < TRAIN_PER_CLASS)).toEqual(Array.from({ length: 100 }, (_, i) => 700 + i));
    expect(validation.filter((i) => i >= TRAIN_PER_CLASS)).toEqual(Array.from({ length: 100 }, (_, i) => 1500 + i));
  });
});

describe('TimedCnnTraining', () => {
  it('updates with the rate of the budget fraction it is told, whatever the step count', () => {
    const recipe: ScratchRecipe = { ...SCRATCH_RECIPE, layout: { channels: [4], poolAfter: [], dropout: 0 }, batchSize: 4 };
    const run = new TimedCnnTraining(recipe, 1, test.images, test.labels, [0, 1, 2, 3, 200, 201, 202, 203]);
    for (const p of [0.05, 0.5, 0.97]) {
      run.progress = p;
      run.step();
      expect(run.run.schedule(run.run.steps)).toBe(learningRateAt(recipe, p));
      expect(run.currentLr()).toBe(learningRateAt(recipe, p));
    }
  });
  it('scores over the views its recipe says', () => {
    for (const v of [1, 2, 4] as const) {
      const recipe: ScratchRecipe = { ...SCRATCH_RECIPE, layout: { channels: [4], poolAfter: [], dropout: 0 }, testViews: v };
      const run = new TimedCnnTraining(recipe, 2, test.images, test.labels);
      const images = test.images.subarray(190 * 3072, 210 * 3072), labels = test.labels.subarray(190, 210);
      expect(run.correct(images, labels)).toBe(evaluate(run.run.net, images, labels, 100, testViews(images, v)).correct);
    }
  });
});

describe('the committed choice (static/models/scratch-recipe.json)', () => {
  const report = JSON.parse(readFileSync('static/models/scratch-recipe.json', 'utf8'));
  type Result = {
    recipe: ScratchRecipe; stepSeconds: number; scoreSeconds: number; speedup: number; steps: number; seeds: number[];
    validationAccuracy: Record<string, number[]>; meanValidationAccuracy: Record<string, number>;
  };
  const candidates = report.candidates as Result[];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const views = ['1', '2', '4'];
  it('was chosen on 200 held-out photos, the figure trains it, and each budget of steps follows from the timings', () => {
    expect(report.validationPhotos).toBe(200);
    expect(report.trainPhotos).toBe(1400);
    expect(SCRATCH_RECIPE).toEqual(report.chosen);
    for (const c of [...candidates, ...report.faster] as Result[]) {
      expect(c.steps).toBe(Math.max(1, Math.floor((c.speedup * (BUDGET_SECONDS - SCORINGS_IN_BUDGET * c.scoreSeconds)) / c.stepSeconds)));
      for (const v of views) {
        expect(c.validationAccuracy[v].length).toBe(c.seeds.length);
        expect(c.meanValidationAccuracy[v]).toBeCloseTo(mean(c.validationAccuracy[v]), 4);
        // Accuracies out of 200 photos.
        for (const a of c.validationAccuracy[v]) expect(a * 200).toBeCloseTo(Math.round(a * 200), 6);
      }
    }
    for (const c of candidates) expect(c.speedup).toBe(1);
  });
  it('is the best candidate by its mean held-out accuracy, with its best number of views (the fewest on a tie)', () => {
    const bestViews = (c: Result) => views.reduce((a, v) => (c.meanValidationAccuracy[v] > c.meanValidationAccuracy[a] ? v : a));
    const best = (c: Result) => c.meanValidationAccuracy[bestViews(c)];
    const top = candidates.reduce((a, b) => (best(b) > best(a) ? b : a));
    expect(report.chosen.name).toBe(top.recipe.name);
    expect(report.chosen.testViews).toBe(Number(bestViews(top)));
    expect({ ...report.chosen, testViews: top.recipe.testViews }).toEqual(top.recipe);
  });
  it('reads as plain words', () => {
    expect(describeRecipe(SCRATCH_RECIPE)).toMatch(/^\d convolutions \(\d+ to \d+ channels\), batches of \d+, AdamW/);
  });
});
