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
import { type DayOrder, dateInWords, isoOfDayNumber, orderExample, parseDate, slashOrder } from './dates';

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
 * How a column writes its numbers: 'point' as in English (1,234.5: commas group thousands, a dot
 * marks decimals) or 'comma' as in much of Europe (1.234,5: dots group, a comma marks decimals).
 */
export type NumberStyle = 'point' | 'comma';

// Digit groups never start with 0: "0.100" is a decimal in either style, never a hundred.
const GROUPED: Record<NumberStyle, RegExp> = { point: /^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/, comma: /^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/ };
const PLAIN: Record<NumberStyle, RegExp> = { point: /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i, comma: /^[+-]?(\d+,?\d*|,\d+)(e[+-]?\d+)?$/i };
const GROUP_MARK: Record<NumberStyle, string> = { point: ',', comma: '.' };

/** One cell read in one style: "1.234" is 1.234 in 'point' and 1234 in 'comma'; null if it does not fit. */
export function parseNumber(cell: string, style: NumberStyle): number | null {
  const s = cell.trim();
  const ungrouped = GROUPED[style].test(s) ? s.split(GROUP_MARK[style]).join('') : s;
  if (!PLAIN[style].test(ungrouped)) return null;
  const v = Number(ungrouped.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/**
 * A cell alone, out of its column: in the style a file with this delimiter usually has (a ';' file
 * comes from a spreadsheet that writes decimal commas), else in the other. Enough to tell numbers
 * from words; `readCounts` decides a whole column's style.
 */
export function parseCount(cell: string, delimiter: Delimiter = ','): number | null {
  const usual: NumberStyle = delimiter === ';' ? 'comma' : 'point';
  return parseNumber(cell, usual) ?? parseNumber(cell, usual === 'point' ? 'comma' : 'point');
}

/** One click that settles how a count column's separators are read. */
export interface CountChoice {
  style: NumberStyle;
  /** "The dot separates thousands: “1.000” is 1000." */
  label: string;
}

export interface CountReading {
  style: NumberStyle;
  /** Both styles fit the column and nothing tells them apart: the reader must choose (`choices`). */
  ask: boolean;
  /** One plain sentence on how the separators were read, or the question; '' when nothing needs saying. */
  sentence: string;
  /** When asking, both readings; otherwise the other reading, when it fits the column too. */
  choices: CountChoice[];
}

const markName = (mark: string) => (mark === '.' ? 'dot' : 'comma');

/** What a style makes of the separator in a cell like "1.234" (one mark, between digit groups). */
function meaning(style: NumberStyle, cell: string): string {
  const mark = cell.includes('.') ? '.' : ',';
  if (mark === GROUP_MARK[style]) return `the ${markName(mark)} separates thousands`;
  return mark === '.' ? 'the dot is a decimal point' : 'the comma is a decimal mark';
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * How a count column's separators are meant. The style that reads more of its cells wins. When
 * both read every cell, and some cell ("1.234") differently, counts settle it: a daily count is a
 * whole number, so if only one reading gives whole numbers, that one is taken, and said. When both
 * do ("1.000" is 1000 or 1) or neither does, the reader is asked, unless they already chose.
 */
export function readCounts(cells: readonly string[], columnName: string, chosen?: NumberStyle): CountReading {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const read = (style: NumberStyle) => filled.map((c) => parseNumber(c, style));
  const point = read('point');
  const comma = read('comma');
  const fits = (v: (number | null)[]) => v.filter((x) => x !== null).length;
  const whole = (v: (number | null)[]) => v.every((x) => x === null || Number.isInteger(x));
  const column = `In column “${columnName}”`;
  const other = (style: NumberStyle): NumberStyle => (style === 'point' ? 'comma' : 'point');

  const both = fits(point) === filled.length && fits(comma) === filled.length;
  const differs = filled.map((_, i) => both && point[i] !== comma[i]);
  if (differs.includes(true)) {
    const told = whole(point) !== whole(comma) ? (whole(point) ? 'point' : 'comma') : undefined;
    // The cell to show: when whole numbers told the style, one the other style makes a fraction of.
    const rejected = told === 'point' ? comma : point;
    const k = told ? differs.findIndex((d, i) => d && !Number.isInteger(rejected[i])) : differs.indexOf(true);
    const cell = filled[k];
    const choice = (style: NumberStyle): CountChoice => ({
      style,
      label: `${capital(meaning(style, cell))}: “${cell}” is ${style === 'point' ? point[k] : comma[k]}.`
    });
    const style = chosen ?? told;
    if (!style) {
      return {
        style: 'point',
        ask: true,
        sentence: `${column}, “${cell}” could be ${point[k]} (${meaning('point', cell)}) or ${comma[k]} (${meaning('comma', cell)}). Which is it?`,
        choices: [choice('comma'), choice('point')]
      };
    }
    const why = chosen ? ', as you chose' : ', because a daily count is a whole number';
    const value = style === 'point' ? point[k] : comma[k];
    return { style, ask: false, sentence: `${column}, ${meaning(style, cell)}: “${cell}” was read as ${value}${why}.`, choices: [choice(other(style))] };
  }

  const style: NumberStyle = fits(comma) > fits(point) ? 'comma' : 'point';
  // Say what a separator meant wherever it was not a plain decimal point (1,234 or 12,5 or 1.234.567).
  const values = style === 'point' ? point : comma;
  const i = filled.findIndex((c, j) => values[j] !== null && /[.,]/.test(c) && values[j] !== Number(c));
  if (i < 0) return { style, ask: false, sentence: '', choices: [] };
  const cell = filled[i];
  const marks: string[] = [];
  if (cell.includes(GROUP_MARK[style])) marks.push(`the ${markName(GROUP_MARK[style])} separates thousands`);
  if (style === 'comma' && cell.includes(',')) marks.push('the comma is a decimal mark');
  return { style, ask: false, sentence: `${column}, ${marks.join(' and ')}: “${cell}” was read as ${values[i]}.`, choices: [] };
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
  /** Force the field order of year-last dates (otherwise the column decides). */
  dayOrder?: DayOrder;
  /** The reader's answer on how the count column's separators are meant (see `readCounts`). */
  countStyle?: NumberStyle;
}

export interface SeriesDraft {
  /** First day, as a day number (days since 1970-01-01). */
  startDay: number;
  /** One whole, non-negative count per consecutive day. */
  values: number[];
  /** What was done to the data on the way (gaps filled, values rounded, dates read month-first …). */
  notes: string[];
  /** How the count column's separators were read, one sentence for the status line, or ''. */
  countReading: string;
  /** The raw column never falls: it is probably a running total. */
  cumulativeLikely: boolean;
}

/** count-style: the reader is asked how the count column's separators are meant. */
export type Offer = 'repair' | 'fill-gaps' | 'count-style';
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

/** The sentence saying which order was assumed for dates no cell settles, with one of them in words. */
function assumedOrderNote(cells: readonly string[], order: DayOrder): string {
  const cell = orderExample(cells)!;
  const read = dateInWords(parseDate(cell, order)!);
  return order === 'dmy'
    ? `Dates like “${cell}” were read day first, as ${read}: the usual order when dots separate the parts, and no date in the column says otherwise. If the month comes first, choose that above.`
    : `Dates like “${cell}” were read month first (US), as ${read}; no date in the column says otherwise. If the day comes first (European), choose that above.`;
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
  const counts = readCounts(table.rows.map((r) => r[cc]), table.columns[cc], opts.countStyle);
  if (counts.ask) return { ok: false, offer: 'count-style', message: counts.sentence };

  const byDay = new Map<number, { value: number; row: number }>();
  for (let i = 0; i < table.rows.length; i++) {
    const r = table.rows[i];
    if (r[dc].trim() === '' && r[cc].trim() === '') continue;
    const day = parseDate(r[dc], order);
    if (day === null) {
      return { ok: false, message: `Row ${rowNumber(table, i)}: ${quote(r[dc])} is not a date that can be read (write 2020-03-01, 3/1/2020 or 1.3.2020).` };
    }
    if (r[cc].trim() === '') continue; // an empty count is a missing day, handled with the gaps
    const value = parseNumber(r[cc], counts.style);
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
  if (slash.assumed && !opts.dayOrder) notes.push(assumedOrderNote(table.rows.map((r) => r[dc]), order));

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
    if (!opts.repair) {
      const message = `In column ${countName}, ${what.join(' and ')}. Daily counts must be whole numbers of zero or more.`;
      return { ok: false, offer: 'repair', message: counts.sentence ? `${message} ${counts.sentence}` : message };
    }
    raw = raw.map((v) => Math.max(0, Math.round(v)));
    notes.push(`Counts were rounded to whole numbers and negative ones set to 0 (${what.join(', ')}).`);
  }
  if (raw.length < MIN_DAYS) return { ok: false, message: `The series has ${raw.length} day${raw.length === 1 ? '' : 's'}; the figures need at least ${MIN_DAYS}.` };
  if (!raw.some((v) => v > 0)) return { ok: false, message: `Every count in column ${countName} is zero: there is no curve to fit.` };
  return { ok: true, value: { startDay, values: raw, notes, countReading: counts.sentence, cumulativeLikely } };
}
