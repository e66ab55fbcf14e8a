import { describe, expect, it } from 'vitest';
import { TrainingLoop } from '$lib/workers/loop';
import type { Trainer } from '$lib/models/trainer';
import type { FromWorker } from '$lib/workers/protocol';

/** Gradient descent on f(w) = w², whose loss after k steps is known in closed form. */
class Quadratic implements Trainer<{ lr: number; w0: number }, { w: number }> {
  w = 0;
  lr = 0;
  reset(c: { lr: number; w0: number }) {
    this.w = c.w0;
    this.lr = c.lr;
  }
  configure(p: Partial<{ lr: number; w0: number }>) {
    if (p.lr !== undefined) this.lr = p.lr;
  }
  step() {
    const loss = this.w * this.w;
    this.w -= this.lr * 2 * this.w;
    return loss;
  }
  snapshot() {
    return { w: this.w };
  }
}

function harness() {
  const sent: FromWorker<{ w: number }>[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const loop = new TrainingLoop(new Quadratic(), (m) => sent.push(m), {
    sliceMs: 5,
    reportMs: 0,
    now: () => (clock += 1), // every look at the clock costs 1 ms: a slice takes ~5 steps
    defer: (fn) => queue.push(fn)
  });
  const drain = (slices: number) => {
    for (let i = 0; i < slices && queue.length; i++) queue.shift()!();
  };
  return { loop, sent, drain, queue };
}

describe('TrainingLoop', () => {
  it('steps exactly as asked and reports the loss before each update', () => {
    const { loop, sent } = harness();
    loop.handle({ type: 'reset', config: { lr: 0.25, w0: 2 } });
    loop.handle({ type: 'step', count: 3 });
    const last = sent.at(-1)!;
    expect(last.type).toBe('progress');
    if (last.type !== 'progress') return;
    expect(last.step).toBe(3);
    // w halves each step: 2 → 1 → 0.5 → 0.25; the third step's loss is 0.5² = 0.25.
    expect(last.loss).toBeCloseTo(0.25, 12);
    expect(last.snapshot.w).toBeCloseTo(0.25, 12);
    expect(last.running).toBe(false);
  });

  it('trains in slices while playing and stops when paused', () => {
    const { loop, sent, drain, queue } = harness();
    loop.handle({ type: 'reset', config: { lr: 0.01, w0: 1 } });
    loop.handle({ type: 'play' });
    drain(3);
    const during = sent.filter((m) => m.type === 'progress').at(-1)!;
    expect(during.type === 'progress' && during.step).toBeGreaterThan(3);
    loop.handle({ type: 'pause' });
    const paused = sent.at(-1)!;
    drain(5);
    expect(queue.length).toBe(0);
    expect(sent.at(-1)).toBe(paused);
  });

  it('stops a diverging run with a message and never reports a NaN loss', () => {
    const { loop, sent, drain } = harness();
    loop.handle({ type: 'reset', config: { lr: 5, w0: 1 } }); // |1 − 2·5| = 9: w grows ×9 a step
    loop.handle({ type: 'play' });
    drain(400);
    const stop = sent.find((m) => m.type === 'stopped');
    expect(stop && stop.type === 'stopped' && stop.reason).toBe('diverged');
    for (const m of sent) if (m.type === 'progress' && m.step > 0) expect(Number.isFinite(m.loss)).toBe(true);
  });

  it('applies a new learning rate mid-run', () => {
    const { loop, sent } = harness();
    loop.handle({ type: 'reset', config: { lr: 0, w0: 3 } });
    loop.handle({ type: 'step', count: 2 });
    loop.handle({ type: 'configure', patch: { lr: 0.5 } }); // one step to the minimum
    loop.handle({ type: 'step', count: 1 });
    const last = sent.at(-1)!;
    expect(last.type === 'progress' && last.snapshot.w).toBe(0);
  });

  it('turns an exception in the trainer into an error message', () => {
    const sent: FromWorker<unknown>[] = [];
    const broken: Trainer<object, unknown> = {
      reset() {},
      configure() {},
      step() {
        throw new Error('shape mismatch');
      },
      snapshot: () => null
    };
    const loop = new TrainingLoop(broken, (m) => sent.push(m));
    loop.handle({ type: 'step', count: 1 });
    expect(sent).toEqual([{ type: 'error', message: 'shape mismatch', run: 0 }]);
  });
});
