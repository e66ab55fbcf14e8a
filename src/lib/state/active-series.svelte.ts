/**
 * The one place the figures of sections 1–5 learn which daily series to show: New York's until
 * the reader brings their own (the "use your own data" control under figure 1a), and New York
 * again after one click. This file holds only the reader's series and the labels, so the figure
 * frame can show "Data: …" without loading New York's numbers; figures get the full series from
 * `currentSeries()` in daily-series.ts. A figure that draws the series is rebuilt when `id`
 * changes (the figure frame keys it on the id), so it reads the series once as it starts.
 */
import type { DailySeries } from '$lib/data/daily-series';
import { NYC_LABEL } from '$lib/data/nyc-label';

class ActiveSeries {
  /** The reader's series, or null while New York's is active. */
  custom = $state.raw<DailySeries | null>(null);

  get id(): string {
    return this.custom?.id ?? 'nyc';
  }
  get name(): string {
    return this.custom?.name ?? NYC_LABEL.name;
  }
  get source(): string {
    return this.custom?.source ?? NYC_LABEL.source;
  }

  use(series: DailySeries): void {
    this.custom = series;
  }

  backToNewYork(): void {
    this.custom = null;
  }
}

export const activeSeries = new ActiveSeries();
