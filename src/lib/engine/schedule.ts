/**
 * Learning-rate schedules: pure functions of the step index t (0 for the first update), so an
 * optimiser restored with its step count resumes the schedule exactly where it stopped.
 */

export type Schedule = (step: number) => number;

/** The same rate at every step. */
export function constant(lr: number): Schedule {
  return () => lr;
}

export interface CosineOptions {
  /** Rate at the end of warm-up (the top of the cosine). */
  peak: number;
  /** Steps over which the rate decays, warm-up included; after them it stays at `floor`. */
  total: number;
  /** Rate at the end of the decay (default 0). */
  floor?: number;
  /** Steps of linear warm-up from peak/warmup up to peak (default 0). */
  warmup?: number;
}

/**
 * Linear warm-up, then half a cosine from `peak` down to `floor`:
 *   t < warmup:  peak · (t + 1) / warmup
 *   else:        floor + (peak − floor) · (1 + cos(π · min(1, (t − warmup) / (total − warmup)))) / 2
 */
export function cosine({ peak, total, floor = 0, warmup = 0 }: CosineOptions): Schedule {
  if (!(total > 0) || !(warmup >= 0) || warmup > total) {
    throw new Error(`cosine: need 0 ≤ warmup (${warmup}) ≤ total (${total}) and total > 0`);
  }
  return (t) => {
    if (t < warmup) return (peak * (t + 1)) / warmup;
    const span = total - warmup;
    const progress = span === 0 ? 1 : Math.min(1, (t - warmup) / span);
    return floor + ((peak - floor) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}
