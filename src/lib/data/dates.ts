/**
 * Calendar dates as they appear in a reader's CSV: ISO (2020-03-01, 2020/03/01, optionally with a
 * time after it), US month-first (3/1/2020, 3/1/20) and European day-first (1.3.2020, 1/3/2020,
 * 01-03-2020). A date like 3/4/2020 or 04.10.2021 is ambiguous; the whole column decides which
 * order it uses (`slashOrder`), because one file never mixes the two, and when no date in it
 * settles the order the reader is told which was assumed and can choose the other.
 *
 * Dates are handled as day numbers (days since 1970-01-01, UTC), so a series never meets time
 * zones or daylight-saving shifts.
 */

const DAY_MS = 86_400_000;

/** Which field comes first in a date written with / . or - and the year last. */
export type DayOrder = 'mdy' | 'dmy';

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

/** Day number of a real calendar date, or null (month 13, 30 February …). */
export function dayNumber(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of an ISO date string; NaN if it is not one. */
export function dayNumberOfIso(iso: string): number {
  const m = ISO.exec(iso.trim());
  return m ? (dayNumber(+m[1], +m[2], +m[3]) ?? NaN) : NaN;
}

function fullYear(y: string): number {
  // Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the usual spreadsheet pivot).
  if (y.length === 4) return +y;
  const v = +y;
  return v < 70 ? 2000 + v : 1900 + v;
}

/**
 * Parse one cell; null if it is not a date in any supported format (or not a real day). Without
 * an order, each separator's convention: dots day-first (German, Swiss, Scandinavian usage),
 * slashes and dashes month-first (US).
 */
export function parseDate(cell: string, order?: DayOrder): number | null {
  const s = cell.trim();
  const iso = ISO.exec(s);
  if (iso) return dayNumber(+iso[1], +iso[2], +iso[3]);
  const m = YEAR_LAST.exec(s);
  if (!m) return null;
  const [a, b] = [+m[1], +m[2]];
  const year = fullYear(m[3]);
  return (order ?? conventionalOrder(s)) === 'mdy' ? dayNumber(year, a, b) : dayNumber(year, b, a);
}

function conventionalOrder(cell: string): DayOrder {
  return cell.includes('.') ? 'dmy' : 'mdy';
}

/**
 * The field order of a column of year-last dates: day-first when some first field is above 12,
 * month-first when some second field is, and otherwise (with `assumed` set) the convention of
 * the column's separator: day-first for dots (04.10.2021), month-first for slashes and dashes.
 */
export function slashOrder(cells: readonly string[]): { order: DayOrder; assumed: boolean } {
  let firstBig = false;
  let secondBig = false;
  let first: string | undefined;
  for (const c of cells) {
    const m = YEAR_LAST.exec(c.trim());
    if (!m) continue;
    first ??= c.trim();
    if (+m[1] > 12) firstBig = true;
    if (+m[2] > 12) secondBig = true;
  }
  if (firstBig && !secondBig) return { order: 'dmy', assumed: false };
  if (secondBig && !firstBig) return { order: 'mdy', assumed: false };
  // Both big: the column mixes orders, and the rows that do not fit are refused one by one.
  if (first === undefined || firstBig) return { order: 'mdy', assumed: false };
  return { order: conventionalOrder(first), assumed: true };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "4 October 2021": a day number in words no reader can take the wrong way round. */
export function dateInWords(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A year-last cell of the column whose two readings differ (4.10.2021, not 4.4.2021), to show the reader. */
export function orderExample(cells: readonly string[]): string | undefined {
  const yearLast = cells.map((c) => c.trim()).filter((c) => YEAR_LAST.test(c));
  return yearLast.find((c) => parseDate(c, 'dmy') !== parseDate(c, 'mdy')) ?? yearLast[0];
}
