/** Small summaries of a daily series, shared by the data control, figure 1a and the SIR window rule. */

/** Centred 7-day average (shorter at the ends): the smoothing behind the SIR window rule. */
export function sevenDayAverage(values: readonly number[]): number[] {
  return values.map((_, d) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, d - 3); j <= Math.min(values.length - 1, d + 3); j++) {
      sum += values[j];
      n++;
    }
    return sum / n;
  });
}

/**
 * A population to start from when the reader gives none: 20 times the total count, rounded up to
 * one significant digit. In the SIR fit N and ρ only act through their product ρ·N, so this choice
 * moves the fitted ρ and the day-0 infected, never β, γ or R₀; 20 × total leaves ρ room below 1.
 */
export function defaultPopulation(values: readonly number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  const raw = Math.max(1000, 20 * total);
  const unit = Math.pow(10, Math.floor(Math.log10(raw)));
  return Math.ceil(raw / unit) * unit;
}
