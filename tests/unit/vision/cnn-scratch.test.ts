// The "train from scratch" trainer the worker serves: loads the split files through the loader it
// is given, steps the shared recipe, and reports what the figure draws.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScratchTrainer } from '$lib/models/cnn/cnn-scratch';

const loads: string[] = [];
const fromDisk = (url: string) => {
  loads.push(url);
  return new Uint8Array(readFileSync(url));
};

describe('ScratchTrainer', () => {
  it('loads each split once, steps, and snapshots the loss mean and the first-layer filters', () => {
    const trainer = new ScratchTrainer(fromDisk);
    trainer.reset({ epochs: 2, seed: 7, dataUrl: 'static/data' });
    expect(loads).toEqual(['static/data/cats-dogs-train.bin', 'static/data/cats-dogs-test.bin']);
    const before = trainer.snapshot();
    const a = trainer.step();
    const b = trainer.step();
    const snap = trainer.snapshot();
    expect(snap.steps).toBe(2);
    expect(snap.totalSteps).toBe(100);
    expect(snap.recentLoss).toBeCloseTo((a + b) / 2, 6);
    expect(snap.filters.length).toBe(3 * 3 * 3 * 16);
    expect(snap.filters).not.toEqual(before.filters); // the filters moved
    expect(snap.accuracy).toEqual([]); // measured only at the end of an epoch
    trainer.reset({ epochs: 2, seed: 7, dataUrl: 'static/data' });
    expect(loads.length).toBe(2); // cached
    expect(trainer.step()).toBe(a); // same seed, same first step
  });

  it('says which file it could not load', () => {
    const trainer = new ScratchTrainer(() => {
      throw new Error('could not load cats-dogs-train.bin (HTTP 404)');
    });
    expect(() => trainer.reset({ epochs: 1, seed: 1, dataUrl: '/nowhere' })).toThrow(/cats-dogs-train\.bin/);
  });
});
