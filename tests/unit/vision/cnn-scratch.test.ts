// The "train from scratch" trainer the worker serves: loads the split files through the loader it
// is given, trains against its clock (a fake one here: every call to `now` is one more second),
// scores the test photos on time, stops within its budget, and reports what the figure draws.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScratchTrainer } from '$lib/models/cnn/cnn-scratch';
import { evaluate } from '$lib/models/cnn/cnn';
import { decodePhotoSet } from '$lib/data/cats-dogs';
import { learningRateAt, type ScratchRecipe } from '$lib/models/cnn/scratch-plan';
import { testViews } from '$lib/models/cnn/scratch-recipe';

const loads: string[] = [];
const fromDisk = (url: string) => {
  loads.push(url);
  return new Uint8Array(readFileSync(url));
};
/** A clock in milliseconds that moves `ms` each time it is read. */
const ticking = (ms: number) => {
  let t = 0;
  return () => (t += ms);
};
// A small network of the recipe's family, so the test runs quickly.
const SMALL: ScratchRecipe = {
  name: 'test', layout: { channels: [4, 8], poolAfter: [0], dropout: 0 }, batchSize: 8, peakLr: 3e-3,
  weightDecay: 0.05, warmup: 0.25, decay: 'linear', maxShift: 2, flip: true, labelSmoothing: 0.1, testViews: 4
};
const test = decodePhotoSet(new Uint8Array(readFileSync('static/data/cats-dogs-test.bin')), 'test');

describe('ScratchTrainer', () => {
  it('loads each split once, steps, and snapshots the loss mean and the first-layer filters', () => {
    const trainer = new ScratchTrainer(fromDisk, ticking(1), SMALL);
    trainer.reset({ seed: 7, dataUrl: 'static/data' });
    expect(loads).toEqual(['static/data/cats-dogs-train.bin', 'static/data/cats-dogs-test.bin']);
    const before = trainer.snapshot();
    const a = trainer.step();
    const b = trainer.step();
    const snap = trainer.snapshot();
    expect(snap.steps).toBe(2);
    expect(snap.epoch).toBeCloseTo((2 * 8) / 1600, 12);
    expect(snap.recentLoss).toBeCloseTo((a + b) / 2, 6);
    expect(snap.filters.length).toBe(3 * 3 * 3 * 4);
    expect(snap.filters).not.toEqual(before.filters); // the filters moved
    expect(snap.accuracy).toEqual([]); // the first score comes after 10 s
    trainer.reset({ seed: 7, dataUrl: 'static/data' });
    expect(loads.length).toBe(2); // cached
    expect(trainer.step()).toBe(a); // same seed, same first step
  });

  it('scores the test photos every 10 s of its clock and at the end, and stops within the budget', () => {
    // Each step reads the clock twice (1 s apart): one step is a second; so is a scoring.
    const trainer = new ScratchTrainer(fromDisk, ticking(1000), SMALL);
    trainer.reset({ seed: 3, dataUrl: 'static/data', seconds: 25 });
    let steps = 0;
    const rates: number[] = [];
    while (!trainer.finished()) {
      rates.push(trainer.snapshot().learningRate);
      trainer.step();
      steps++;
      expect(steps).toBeLessThan(30);
    }
    const snap = trainer.snapshot();
    // Scores once 10 and 20 s have gone (each taking a second), then training stops one second
    // early so that the last score, as long as the one before, ends at the budget.
    expect(snap.accuracy.map((p) => p.seconds)).toEqual([11, 21, 25]);
    expect(snap.seconds).toBe(25);
    expect(snap.done).toBe(true);
    expect(steps).toBe(22);
    // The rate followed the clock: the fraction of the training seconds (25, then 24 once a score
    // has taken a second) spent before each step; a snapshot shows the rate of the step before it.
    const spent = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23];
    const budgets = spent.map((s) => (s < 11 ? 25 : 24));
    rates.slice(1).forEach((r, i) => expect(r).toBeCloseTo(learningRateAt(SMALL, spent[i] / budgets[i]), 12));
    // Each score is a count of the 400 test photos.
    for (const p of snap.accuracy) expect(p.accuracy * 400).toBeCloseTo(Math.round(p.accuracy * 400), 9);
  });

  it('the last score is what evaluate() says of the final network, over the four views of each photo', () => {
    const trainer = new ScratchTrainer(fromDisk, ticking(1000), SMALL);
    trainer.reset({ seed: 5, dataUrl: 'static/data', seconds: 4 });
    while (!trainer.finished()) trainer.step();
    const net = (trainer as unknown as { run: { run: { net: Parameters<typeof evaluate>[0] } } }).run.run.net;
    const expected = evaluate(net, test.images, test.labels, 100, testViews(test.images, 4)).correct / 400;
    expect(trainer.snapshot().accuracy.at(-1)!.accuracy).toBe(expected);
  });

  it('says which file it could not load', () => {
    const trainer = new ScratchTrainer(() => {
      throw new Error('could not load cats-dogs-train.bin (HTTP 404)');
    });
    expect(() => trainer.reset({ seed: 1, dataUrl: '/nowhere' })).toThrow(/cats-dogs-train\.bin/);
  });
});
