/** The series the figures of sections 1–5 show now: the reader's, or New York's. */
import { activeSeries } from './active-series.svelte';
import { type DailySeries, NYC_SERIES } from '$lib/data/daily-series';
import { taskOf, type CurveTask } from '$lib/models/mlp/nyc-curve-task';

export function currentSeries(): DailySeries {
  return activeSeries.custom ?? NYC_SERIES;
}

/** The current series and the network's task on it (its inputs, targets and count scale), for the figures of sections 4–5. */
export function currentTask(): { series: DailySeries; task: CurveTask } {
  const series = currentSeries();
  return { series, task: taskOf(series.values) };
}
