/**
 * A daily series as the first half of the lecture uses it: one count per consecutive day, with a
 * name and a source for the captions and a population for the SIR model. New York's is the
 * lecture's own; a reader's file becomes another (csv-series.ts) and the active one lives in
 * $lib/state/active-series.svelte.ts.
 */
import { NYC_CITYWIDE, NYC_POPULATION, NYC_START } from './nyc';
import { NYC_LABEL } from './nyc-label';
import { dayNumberOfIso, isoOfDayNumber } from './dates';

const DAY_MS = 86_400_000;

export interface DailySeries {
  /** Changes whenever the data change: figures rebuild when it does. */
  id: string;
  name: string;
  source: string;
  /** First day, ISO (YYYY-MM-DD). */
  start: string;
  values: readonly number[];
  /** N of the SIR model. */
  population: number;
  /** False only for the lecture's New York series. */
  custom: boolean;
}

export const NYC_SERIES: DailySeries = {
  id: 'nyc',
  ...NYC_LABEL,
  start: NYC_START,
  values: NYC_CITYWIDE,
  population: NYC_POPULATION,
  custom: false
};

/** Day arithmetic of one series, named as the figures used New York's (nyc.ts). */
export function calendarOf(s: DailySeries) {
  return {
    days: s.values.length,
    dateOfDay: (day: number) => dateIn(s, day),
    isoOfDay: (day: number) => isoIn(s, day),
    dayOfIso: (iso: string) => dayIn(s, iso)
  };
}

/** Calendar date (UTC midnight) of day index `day` of the series. */
export function dateIn(s: DailySeries, day: number): Date {
  return new Date((dayNumberOfIso(s.start) + day) * DAY_MS);
}

/** ISO date of day index `day`. */
export function isoIn(s: DailySeries, day: number): string {
  return isoOfDayNumber(dayNumberOfIso(s.start) + day);
}

/** Day index of an ISO date in the series (may fall outside it; callers check). */
export function dayIn(s: DailySeries, iso: string): number {
  return dayNumberOfIso(iso) - dayNumberOfIso(s.start);
}
