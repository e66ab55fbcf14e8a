/**
 * Where figure 2c's fit starts on a reader's series (New York has its own, hand-chosen window and
 * start in sir-fit.ts).
 *
 * The window rule: the whole wave of the 7-day average, from the first day it reaches 2% of its
 * peak to the last day before it falls back under 2% after the peak (or the series' last day).
 * Why the fall too: the rise alone fixes only the growth rate β − γ; where the curve turns over
 * and how fast it falls is what tells β and γ, and so R₀, apart. The 2% threshold drops the
 * days of a few stray cases, whose counts are mostly noise.
 */
import { sevenDayAverage } from '$lib/data/series-stats';
import type { FitWindow, SirFitParams } from './sir-fit';

export const WINDOW_THRESHOLD = 0.02;

export function defaultFitWindow(values: readonly number[]): FitWindow {
  const avg = sevenDayAverage(values);
  const top = Math.max(...avg);
  const peak = avg.indexOf(top);
  let start = avg.findIndex((v) => v >= WINDOW_THRESHOLD * top);
  let end = peak;
  while (end < values.length - 1 && avg[end + 1] >= WINDOW_THRESHOLD * top) end++;
  // The fit needs at least three days; widen a too-narrow window around the peak.
  if (end - start < 2) {
    start = Math.max(0, Math.min(start, values.length - 3));
    end = Math.min(values.length - 1, start + 2);
  }
  return { start, end };
}

/**
 * The textbook starting guess of New York's fit (R₀ 2.5, five days infectious, one infection in
 * ten confirmed), with the day-0 infected fraction set so the model's curve meets the data's 7-day
 * average where the window opens: the early growth e^{(β−γ)t} run backwards from there.
 */
export function defaultFitStart(values: readonly number[], w: FitWindow, population: number): SirFitParams {
  const beta = 0.5;
  const gamma = 0.2;
  const rho = 0.1;
  const atStart = Math.max(1, sevenDayAverage(values)[w.start]);
  const i0 = (atStart / (rho * beta * population)) * Math.exp(-(beta - gamma) * w.start);
  return { beta, gamma, rho, i0: Math.min(0.01, Math.max(1e-9, i0)) };
}
