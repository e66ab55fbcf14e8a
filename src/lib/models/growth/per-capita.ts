import { trailingMean } from './growth';

/** Trailing seven-day average of daily counts per 100,000 residents; null before the first full week. */
export function weeklyRatePer100k(cases: readonly number[], population: number): (number | null)[] {
  return trailingMean(cases, 7).map((m) => (m === null ? null : (m / population) * 100_000));
}
