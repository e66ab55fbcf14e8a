import { describe, expect, it } from 'vitest';
import { SirFitTrainer } from '$lib/models/sir/sir-fit-trainer';
import { defaultFitStart, defaultFitWindow, WINDOW_THRESHOLD } from '$lib/models/sir/sir-window';
import { sevenDayAverage, defaultPopulation } from '$lib/data/series-stats';
import { OUTBREAK_R0, outbreakCounts } from '../../support/synthetic-outbreak';

describe("the SIR fit's default window and start on a reader's series", () => {
  it('covers the wave of the 7-day average from 2% of its peak up and back down', () => {
    const values = outbreakCounts(1);
    const avg = sevenDayAverage(values);
    const top = Math.max(...avg);
    const w = defaultFitWindow(values);
    expect(avg[w.start]).toBeGreaterThanOrEqual(WINDOW_THRESHOLD * top);
    expect(avg[w.start - 1]).toBeLessThan(WINDOW_THRESHOLD * top);
    expect(avg[w.end]).toBeGreaterThanOrEqual(WINDOW_THRESHOLD * top);
    expect(w.end === values.length - 1 || avg[w.end + 1] < WINDOW_THRESHOLD * top).toBe(true);
    expect(w.start).toBeLessThan(avg.indexOf(top));
    expect(w.end).toBeGreaterThan(avg.indexOf(top));
  });

  it('keeps at least three days on a tiny or flat series', () => {
    const w = defaultFitWindow([0, 0, 5, 0, 0]);
    expect(w.end - w.start).toBeGreaterThanOrEqual(2);
    const flat = defaultFitWindow(Array(30).fill(7));
    expect(flat).toEqual({ start: 0, end: 29 });
  });

  it("lets figure 2c's gradient descent recover R₀ of a noisy synthetic outbreak within 10%", () => {
    for (const seed of [1, 2, 3]) {
      const values = outbreakCounts(seed);
      const N = defaultPopulation(values);
      const w = defaultFitWindow(values);
      const trainer = new SirFitTrainer(values, N);
      trainer.reset({ start: defaultFitStart(values, w, N), window: w });
      while (!trainer.finished()) trainer.step();
      const p = trainer.snapshot().params;
      expect(Math.abs(p.beta / p.gamma - OUTBREAK_R0) / OUTBREAK_R0).toBeLessThan(0.1);
    }
  });
});
