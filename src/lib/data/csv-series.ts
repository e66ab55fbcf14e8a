/**
 * A reader's CSV or TSV text turned into a daily series (one count per calendar day), in three
 * steps the "use your own data" control walks through:
 *   parseTable    text → rows (d3-dsv does the quoting rules), header and delimiter detected;
 *   guessColumns  which columns hold dates and which hold numbers, and the likely pair;
 *   buildSeries   the chosen pair → consecutive days, with every problem a sentence.
 * Nothing here throws on bad input: every function returns either a value or a message, and some
 * messages carry an offer (round the counts, fill the gaps) that the reader can accept.
 */
import { dsvFormat } from 'd3-dsv';
import { type DayOrder, isoOfDayNumber, parseDate, slashOrder } from './dates';

/** Fewer days than this leave too little curve for the figures to fit. */
export const MIN_DAYS = 20;
/** More days than this make the figures' fits and drawings slow. */
export const MAX_ROWS = 5000;

export type Delimiter = ',' | '\t' | ';';

export interface Table {
  columns: string[];
  /** Data rows (header excluded), each padded to columns.length. */
  rows: string[][];
  delimiter: Delimiter;
  hasHeader: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function quote(cell: string): string {
  const s = cell.trim();
  return `“${s.length > 30 ? s.slice(0, 30) + '…' : s}”`;
}

function detectDelimiter(text: string): Delimiter {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes('\t')) return '\t';
  const commas = firstLine.split(',').length;
  const semicolons = firstLine.split(';').length;
  return semicolons > commas ? ';' : ',';
}

/**
 * A count as written in a spreadsheet: "1234", "1,234" (thousands separators), "12.5", "-3".
 * With ';' as the delimiter a decimal comma ("12,5") is read as a decimal point.
 */
export function parseCount(cell: string, delimiter: Delimiter = ','): number | null {
  let s = cell.trim();
  if (s === '') return null;
  if (delimiter === ';' && /^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function isDataCell(cell: string, delimiter: Delimiter): boolean {
  return parseCount(cell, delimiter) !== null || parseDate(cell) !== null;
}

export function parseTable(text: string): Outcome<Table> {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') return { ok: false, message: 'The file is empty.' };
  if (clean.includes('\0')) return { ok: false, message: 'This is not CSV or TSV text (it contains binary data).' };
  const delimiter = detectDelimiter(clean);
  const all = dsvFormat(delimiter)
    .parseRows(clean)
    .filter((r) => r.some((c) => c.trim() !== ''));
  if (all.length === 0) return { ok: false, message: 'The file is empty.' };
  const width = Math.max(...all.map((r) => r.length));
  const padded = all.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r));
  // A header is a first row none of whose cells reads as a number or a date.
  const hasHeader = !padded[0].some((c) => isDataCell(c, delimiter));
  const rows = hasHeader ? padded.slice(1) : padded;
  const columns = padded[0].map((c, i) => (hasHeader && c.trim() !== '' ? c.trim() : `column ${i + 1}`));
  if (rows.length === 0) return { ok: false, message: 'The file has a header line but no rows of data.' };
  if (rows.length > MAX_ROWS) {
    return { ok: false, message: `The file has ${rows.length.toLocaleString('en-US')} rows; the limit is ${MAX_ROWS.toLocaleString('en-US')} days.` };
  }
  return { ok: true, value: { columns, rows, delimiter, hasHeader } };
}

export interface ColumnGuess {
  /** Columns where (almost) every filled cell is a date. */
  dateColumns: number[];
  /** Columns where (almost) every filled cell is a number (date columns excluded). */
  countColumns: number[];
  date: number | null;
  count: number | null;
}

const COUNT_NAME = /case|count|new|daily|value|total|number|sign|visit|admission|death|positive/i;

function share(table: Table, col: number, test: (cell: string) => boolean): number {
  let filled = 0;
  let hits = 0;
  for (const r of table.rows) {
    if (r[col].trim() === '') continue;
    filled++;
    if (test(r[col])) hits++;
  }
  return filled === 0 ? 0 : hits / filled;
}

export function guessColumns(table: Table): ColumnGuess {
  const dateColumns: number[] = [];
  const countColumns: number[] = [];
  table.columns.forEach((_, c) => {
    const order = slashOrder(table.rows.map((r) => r[c])).order;
    if (share(table, c, (s) => parseDate(s, order) !== null) >= 0.9) dateColumns.push(c);
    else if (share(table, c, (s) => parseCount(s, table.delimiter) !== null) >= 0.9) countColumns.push(c);
  });
  const named = countColumns.find((c) => COUNT_NAME.test(table.columns[c]));
  return {
    dateColumns,
    countColumns,
    date: dateColumns[0] ?? null,
    count: named ?? countColumns[0] ?? null
  };
}

/** A message when the table has no usable pair of columns, else null. */
export function columnsProblem(g: ColumnGuess): string | null {
  if (g.dateColumns.length === 0) {
    return 'No column of dates was found. Dates can be written 2020-03-01, 3/1/2020 (US) or 1.3.2020 (European).';
  }
  if (g.countColumns.length === 0) return 'No column of numbers was found: the counts must be plain numbers, one per row.';
  return null;
}

export interface SeriesOptions {
  dateColumn: number;
  countColumn: number;
  /** Round non-whole counts and set negative ones to zero (otherwise they are refused). */
  repair?: boolean;
  /** Fill days missing between the first and last date (otherwise they are refused). */
  fillGaps?: boolean;
  /** The column is a running total: use the day-to-day differences. */
  difference?: boolean;
  /** Force the field order of slash dates (otherwise the column decides). */
  dayOrder?: DayOrder;
}

export interface SeriesDraft {
  /** First day, as a day number (days since 1970-01-01). */
  startDay: number;
  /** One whole, non-negative count per consecutive day. */
  values: number[];
  /** What was done to the data on the way (gaps filled, values rounded, dates read month-first …). */
  notes: string[];
  /** The raw column never falls: it is probably a running total. */
  cumulativeLikely: boolean;
}

export type Offer = 'repair' | 'fill-gaps';
export type BuildOutcome = { ok: true; value: SeriesDraft } | { ok: false; message: string; offer?: Offer };

/** A column that (almost) never falls and does grow reads as a running total. */
export function looksCumulative(values: readonly number[]): boolean {
  if (values.length < 3) return false;
  let falls = 0;
  let rises = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1]) falls++;
    else if (values[i] > values[i - 1]) rises++;
  }
  return falls <= 0.02 * (values.length - 1) && rises >= 0.3 * (values.length - 1) && values.at(-1)! > 2 * Math.max(1, values[0]);
}

function rowNumber(table: Table, i: number): number {
  return i + (table.hasHeader ? 2 : 1);
}

export function buildSeries(table: Table, opts: SeriesOptions): BuildOutcome {
  const { dateColumn: dc, countColumn: cc } = opts;
  const width = table.columns.length;
  if (!(dc >= 0 && dc < width && cc >= 0 && cc < width)) return { ok: false, message: 'Choose a date column and a count column.' };
  if (dc === cc) return { ok: false, message: 'The date column and the count column must be different columns.' };
  const countName = `“${table.columns[cc]}”`;
  const slash = slashOrder(table.rows.map((r) => r[dc]));
  const order = opts.dayOrder ?? slash.order;
  const notes: string[] = [];

  const byDay = new Map<number, { value: number; row: number }>();
  for (let i = 0; i < table.rows.length; i++) {
    const r = table.rows[i];
    if (r[dc].trim() === '' && r[cc].trim() === '') continue;
    const day = parseDate(r[dc], order);
    if (day === null) {
      return { ok: false, message: `Row ${rowNumber(table, i)}: ${quote(r[dc])} is not a date that can be read (write 2020-03-01, 3/1/2020 or 1.3.2020).` };
    }
    if (r[cc].trim() === '') continue; // an empty count is a missing day, handled with the gaps
    const value = parseCount(r[cc], table.delimiter);
    if (value === null) return { ok: false, message: `Row ${rowNumber(table, i)}: ${quote(r[cc])} in column ${countName} is not a number.` };
    const seen = byDay.get(day);
    if (seen) {
      return { ok: false, message: `The date ${isoOfDayNumber(day)} appears twice (rows ${rowNumber(table, seen.row)} and ${rowNumber(table, i)}): one row per day, please.` };
    }
    byDay.set(day, { value, row: i });
  }
  if (byDay.size === 0) return { ok: false, message: `Column ${countName} has no numbers in it.` };

  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0];
  const span = days.at(-1)! - first + 1;
  if (span > MAX_ROWS) {
    return { ok: false, message: `The dates span ${span.toLocaleString('en-US')} days (${isoOfDayNumber(first)} to ${isoOfDayNumber(days.at(-1)!)}); the limit is ${MAX_ROWS.toLocaleString('en-US')}.` };
  }
  const missing = span - days.length;
  if (missing > 0) {
    const gapAfter = days.find((d, k) => days[k + 1] !== undefined && days[k + 1] !== d + 1)!;
    if (!opts.fillGaps) {
      return {
        ok: false,
        offer: 'fill-gaps',
        message: `${missing.toLocaleString('en-US')} day${missing === 1 ? ' is' : 's are'} missing between ${isoOfDayNumber(first)} and ${isoOfDayNumber(days.at(-1)!)} (the first gap follows ${isoOfDayNumber(gapAfter)}).`
      };
    }
  }
  if (slash.assumed && !opts.dayOrder) notes.push('Dates like 3/4/2020 were read month first (US); no date in the column says otherwise. Choose day first above if they are European.');

  // Missing days: a daily count of 0 (nothing reported); a running total stays where it was.
  let raw: number[] = [];
  for (let d = first, last = 0; d < first + span; d++) {
    const v = byDay.get(d)?.value ?? (opts.difference ? last : 0);
    raw.push(v);
    last = v;
  }
  if (missing > 0) notes.push(`${missing.toLocaleString('en-US')} missing day${missing === 1 ? ' was' : 's were'} filled with ${opts.difference ? 'the running total of the day before' : '0'}.`);
  const cumulativeLikely = looksCumulative(raw);
  let startDay = first;
  if (opts.difference) {
    raw = raw.slice(1).map((v, i) => v - raw[i]);
    startDay = first + 1;
    notes.push('The column is a running total: each day shows its increase over the day before (the first day has no day before it and is left out).');
  }

  const fractional = raw.filter((v) => !Number.isInteger(v)).length;
  const negative = raw.filter((v) => v < 0).length;
  if (fractional + negative > 0) {
    const what = [
      fractional ? `${fractional.toLocaleString('en-US')} count${fractional === 1 ? ' is' : 's are'} not whole` : '',
      negative ? `${negative.toLocaleString('en-US')} ${negative === 1 ? 'is' : 'are'} negative` : ''
    ].filter(Boolean);
    if (!opts.repair) return { ok: false, offer: 'repair', message: `In column ${countName}, ${what.join(' and ')}. Daily counts must be whole numbers of zero or more.` };
    raw = raw.map((v) => Math.max(0, Math.round(v)));
    notes.push(`Counts were rounded to whole numbers and negative ones set to 0 (${what.join(', ')}).`);
  }
  if (raw.length < MIN_DAYS) return { ok: false, message: `The series has ${raw.length} day${raw.length === 1 ? '' : 's'}; the figures need at least ${MIN_DAYS}.` };
  if (!raw.some((v) => v > 0)) return { ok: false, message: `Every count in column ${countName} is zero: there is no curve to fit.` };
  return { ok: true, value: { startDay, values: raw, notes, cumulativeLikely } };
}
