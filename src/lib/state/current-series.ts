/** The series the figures of sections 1–5 show now: the reader's, or New York's. */
import { activeSeries } from './active-series.svelte';
import { type DailySeries, NYC_SERIES } from '$lib/data/daily-series';

export function currentSeries(): DailySeries {
  return activeSeries.custom ?? NYC_SERIES;
}
