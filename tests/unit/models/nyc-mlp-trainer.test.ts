import { describe, expect, it } from 'vitest';
import { NycMlpTrainer } from '$lib/models/mlp/nyc-mlp-trainer';
import { TrainingLoop } from '$lib/workers/loop';
import type { FromWorker } from '$lib/workers/protocol';
import type { NycTrainConfig, NycTrainSnapshot } from '$lib/models/mlp/nyc-mlp-trainer';

const base: NycTrainConfig = { lr: 0.01, optimizer: 'adam', width: 8, seed: 1 };

describe('figure 5d: the training run', () => {
  it('lowers the loss more than tenfold in a few hundred steps with the default settings', () => {
    const t = new NycMlpTrainer();
    t.reset(base);
    const first = t.step();
    let last = first;
    for (let i = 0; i < 400; i++) last = t.step();
    expect(last).toBeLessThan(first / 10);
    const snap = t.snapshot();
    expect(snap.prediction).toHaveLength(154);
    expect(snap.knobCount).toBe(97);
  });

  it('repeats itself for the same seed and differs for another', () => {
    const run = (config: NycTrainConfig) => {
      const t = new NycMlpTrainer();
      t.reset(config);
      for (let i = 0; i < 20; i++) t.step();
      return t.snapshot().prediction;
    };
    expect(run(base)).toEqual(run(base));
    expect(run({ ...base, seed: 2 })).not.toEqual(run(base));
    expect(run({ ...base, width: 16 })).toHaveLength(154);
  });

  it('takes a new learning rate or optimiser mid-run, and refuses a new width without a reset', () => {
    const t = new NycMlpTrainer();
    t.reset({ ...base, optimizer: 'gd', lr: 0 });
    const frozen = t.snapshot().prediction;
    t.step();
    expect(t.snapshot().prediction).toEqual(frozen); // η = 0 moves nothing
    t.configure({ lr: 0.5 });
    t.step();
    expect(t.snapshot().prediction).not.toEqual(frozen);
    t.configure({ optimizer: 'momentum' });
    expect(Number.isFinite(t.step())).toBe(true);
    expect(() => t.configure({ width: 4 })).toThrow(/reset/);
  });

  it('a learning rate far too large is stopped by the worker loop with a message, not NaN', () => {
    const posted: FromWorker<NycTrainSnapshot>[] = [];
    const loop = new TrainingLoop(new NycMlpTrainer(), (m) => posted.push(m), { now: () => 0 });
    loop.handle({ type: 'reset', config: { ...base, optimizer: 'gd', lr: 1e6 } });
    loop.handle({ type: 'step', count: 200 });
    const stopped = posted.find((m) => m.type === 'stopped');
    expect(stopped).toMatchObject({ reason: 'diverged' });
    for (const m of posted) if (m.type === 'progress') for (const v of m.snapshot.prediction) expect(Number.isFinite(v) || m.step > 0).toBe(true);
  });
});

describe("the trainer on a reader's series", () => {
  it('fits the counts given in the configuration and finishes after the given steps', () => {
    const counts = Array.from({ length: 40 }, (_, d) => Math.round(1000 * Math.exp(-((d - 20) ** 2) / 50)));
    const trainer = new NycMlpTrainer();
    trainer.reset({ seed: 1, width: 4, optimizer: 'adam', lr: 0.01, counts, steps: 30 });
    let first = NaN;
    let last = NaN;
    for (let i = 0; i < 30; i++) {
      last = trainer.step();
      if (i === 0) first = last;
      expect(trainer.finished()).toBe(i === 29);
    }
    expect(last).toBeLessThan(first);
    const snap = trainer.snapshot();
    expect(snap.prediction).toHaveLength(40);
    expect(snap.knobs).toHaveLength(snap.knobCount);
    expect(() => trainer.configure({ counts: [1, 2, 3] })).toThrow(/reset/);
  });
});
