/**
 * End to end: the lecture's network (1 → 16 → 16 → 1, tanh) trained with Adam on New York City's
 * daily cases, day index scaled to [−1, 1], counts divided by their maximum.
 */
import { describe, expect, it } from 'vitest';
import { NYC_CITYWIDE } from '$lib/data/nyc';
import { Adam, Linear, Rng, Tape, type Tensor, mse, tanh, tensor } from '$lib/engine';

function variance(v: readonly number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
}

/** Trains on (day, value) pairs; returns the final full-batch MSE. */
function train(values: readonly number[], seed: number, steps: number, lr: number): number {
  const n = values.length;
  const x = tensor(values.map((_, i) => (2 * i) / (n - 1) - 1), [n, 1]);
  const y = tensor(values, [n, 1]);
  const rng = new Rng(seed);
  const layers = [new Linear(rng, 1, 16, { name: 'l1' }), new Linear(rng, 16, 16, { name: 'l2' }), new Linear(rng, 16, 1, { name: 'l3' })];
  const opt = new Adam(layers.flatMap((l) => l.params()), { lr });
  const tape = new Tape({ reuseBuffers: true });
  const forward = (t: Tape): Tensor => layers[2].forward(t, tanh(t, layers[1].forward(t, tanh(t, layers[0].forward(t, x)))));
  for (let s = 0; s < steps; s++) {
    tape.reset();
    tape.backward(mse(tape, forward(tape), y));
    opt.step();
  }
  // The loss of the final weights (the last recorded one predates the last update).
  return mse(new Tape({ record: false }), forward(new Tape({ record: false })), y).item();
}

const max = Math.max(...NYC_CITYWIDE);
const daily = NYC_CITYWIDE.map((v) => v / max);

/** Trailing 7-day mean (days 7…154): the smooth curve the lecture draws through the dots. */
const weekly = daily.slice(6).map((_, i) => daily.slice(i, i + 7).reduce((a, b) => a + b, 0) / 7);

describe('MLP 1-16-16-1 (tanh, Adam) on the NYC curve', () => {
  it('fits the 7-day curve to an MSE below 1% of its variance', () => {
    const v = variance(weekly);
    for (const seed of [1, 2]) expect(train(weekly, seed, 3000, 0.01) / v).toBeLessThan(0.01);
  });

  it('fits the raw daily counts better than their own 7-day centred mean does', () => {
    // The weekly reporting cycle leaves 6.7% of the variance of the daily counts around their
    // centred 7-day mean; a smooth 16-16 tanh network cannot follow all 22 weekly wiggles, so
    // 1% is out of reach here (measured: 1.2–4% after 40,000 steps). This checks that training
    // gets below the weekly noise floor, i.e. learns the trend and part of the cycle.
    let resid = 0;
    for (let i = 0; i < daily.length; i++) {
      const w = daily.slice(Math.max(0, i - 3), i + 4);
      resid += (daily[i] - w.reduce((a, b) => a + b, 0) / w.length) ** 2;
    }
    const floor = resid / daily.length / variance(daily);
    expect(floor).toBeGreaterThan(0.06);
    expect(train(daily, 1, 6000, 0.01) / variance(daily)).toBeLessThan(floor);
  });
});
