/**
 * The shipped network (static/models/nyc-mlp.safetensors) against what the page and the report
 * claim: reloaded, it has the loss the training report states (recomputed here by the engine and
 * by an independent double-precision forward pass), its start is the seeded initialisation, and
 * the committed script reproduces the file byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Mlp } from '$lib/models/mlp/mlp';
import { NYC_TASK } from '$lib/models/mlp/nyc-curve-task';
import { SHIPPED_TRAINING, decodeNycMlp, encodeNycMlp } from '$lib/models/mlp/nyc-mlp-file';
import { trainNycMlp } from '$lib/models/mlp/nyc-mlp-trainer';
import { lossAlongPath, knobsAt } from '$lib/models/knobs/knob-path';
import { networkMachine } from '$lib/models/mlp/network-machine';
import { NYC_CITYWIDE } from '$lib/data/nyc';
import { referenceLoss, referenceOutput } from './reference-mlp';

const bytes = new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors'));
const metrics = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));
const shipped = decodeNycMlp(bytes);

describe('the shipped NYC network', () => {
  it('reloads with the settings and losses its report states', () => {
    expect(shipped.training).toEqual(SHIPPED_TRAINING);
    expect(metrics).toMatchObject({ ...SHIPPED_TRAINING, knobs: 97, days: 154, countScale: Math.max(...NYC_CITYWIDE) });
    expect(shipped.trained.loss(NYC_TASK)).toBe(metrics.trainedLoss);
    expect(shipped.init.loss(NYC_TASK)).toBe(metrics.initLoss);
    const ref = referenceLoss(Float64Array.from(shipped.trained.getKnobs()), 8, NYC_TASK.x.data, NYC_TASK.y.data);
    expect(Math.abs(ref - metrics.trainedLoss) / ref).toBeLessThan(1e-4);
    // Training did something: the fit is far better than the start and than a flat line at the mean.
    const y = Array.from(NYC_TASK.y.data);
    const mean = y.reduce((a, b) => a + b) / y.length;
    const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
    expect(metrics.trainedLoss).toBeLessThan(0.1 * variance);
    expect(metrics.trainedLoss).toBeLessThan(metrics.initLoss / 10);
  });

  it('starts from the seeded initialisation', () => {
    expect(Array.from(shipped.init.getKnobs())).toEqual(Array.from(new Mlp(8, SHIPPED_TRAINING.seed).getKnobs()));
  });

  it('is what the training script writes, byte for byte', () => {
    const init = new Mlp(SHIPPED_TRAINING.width, SHIPPED_TRAINING.seed);
    const trained = trainNycMlp({ ...SHIPPED_TRAINING, optimizer: 'adam' }, SHIPPED_TRAINING.steps);
    expect(encodeNycMlp(init, trained, SHIPPED_TRAINING)).toEqual(bytes);
  });

  it('refuses a file that is not the network', () => {
    const broken = bytes.slice();
    broken[8] = 0x7b + 1; // corrupt the JSON header
    expect(() => decodeNycMlp(broken)).toThrow();
  });
});

describe('figure 4b: the road from random to fitted', () => {
  const start = shipped.init.getKnobs(), end = shipped.trained.getKnobs();

  it('at "fitted" has exactly the trained loss, at "random" exactly the starting loss', () => {
    const path = lossAlongPath(new Mlp(8, 1), NYC_TASK, start, end, 50);
    expect(path).toHaveLength(51);
    expect(path[50].t).toBe(1);
    expect(path[50].loss).toBe(metrics.trainedLoss);
    expect(path[0].loss).toBe(metrics.initLoss);
    expect(Array.from(knobsAt(start, end, 1))).toEqual(Array.from(end));
  });

  it('computes every point the reference computes at the same knobs', () => {
    const path = lossAlongPath(new Mlp(8, 1), NYC_TASK, start, end, 10);
    for (const p of path) {
      const ref = referenceLoss(Float64Array.from(knobsAt(start, end, p.t)), 8, NYC_TASK.x.data, NYC_TASK.y.data);
      expect(Math.abs(p.loss - ref) / ref).toBeLessThan(1e-4);
    }
  });
});

describe('figure 1c: the network as a machine', () => {
  const machine = networkMachine(shipped.trained);

  it('answers with the network output times the count scale, never below zero', () => {
    const knobs = Float64Array.from(shipped.trained.getKnobs());
    for (const day of [0, 20, 37, 100, 153]) {
      const ref = Math.max(0, Math.round(referenceOutput(knobs, 8, (2 * day) / 153 - 1) * 6353));
      expect(Math.abs((machine.answer(day) ?? NaN) - ref)).toBeLessThanOrEqual(1);
    }
    expect(machine.answer(37)! / NYC_CITYWIDE[37]).toBeGreaterThan(0.7); // near the peak, the fit is near the count
    for (const day of [-28, 184]) expect(machine.answer(day)).toBeGreaterThanOrEqual(0);
    expect(machine.answer(NaN)).toBeNull();
  });
});
