import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dsvFormat } from 'd3-dsv';
import { MAX_ROWS, MIN_DAYS, buildSeries, columnsProblem, guessColumns, looksCumulative, parseCount, parseTable, type Delimiter } from '$lib/data/csv-series';
import { dayNumber, isoOfDayNumber, parseDate, slashOrder } from '$lib/data/dates';

/** The whole path the control takes, with the guessed columns and the given options. */
function readSeries(text: string, opts: { repair?: boolean; fillGaps?: boolean; difference?: boolean } = {}) {
  const t = parseTable(text);
  if (!t.ok) return t;
  const g = guessColumns(t.value);
  const problem = columnsProblem(g);
  if (problem) return { ok: false as const, message: problem };
  return buildSeries(t.value, { dateColumn: g.date!, countColumn: g.count!, ...opts });
}

const pad = (n: number) => String(n).padStart(2, '0');
function formatDate(dayNum: number, style: 'iso' | 'us' | 'eu-dot' | 'eu-slash'): string {
  const d = new Date(dayNum * 86_400_000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (style === 'iso') return `${y}-${pad(m)}-${pad(day)}`;
  if (style === 'us') return `${m}/${day}/${y}`;
  if (style === 'eu-dot') return `${pad(day)}.${pad(m)}.${y}`;
  return `${day}/${m}/${y}`;
}

const validCsv = fc.record({
  start: fc.integer({ min: dayNumber(1990, 1, 1)!, max: dayNumber(2030, 1, 1)! }),
  values: fc.array(fc.nat({ max: 1_000_000 }), { minLength: MIN_DAYS, maxLength: 300 }).filter((v) => v.some((x) => x > 0)),
  style: fc.constantFrom('iso', 'us', 'eu-dot', 'eu-slash' as const),
  delimiter: fc.constantFrom<Delimiter>(',', '\t', ';'),
  header: fc.boolean(),
  countFirst: fc.boolean(),
  label: fc.boolean(),
  shuffle: fc.boolean()
});

describe('reading a daily series from CSV / TSV text', () => {
  it('round-trips every generated valid file: same first day, same counts', () => {
    fc.assert(
      fc.property(validCsv, (c) => {
        const rows = c.values.map((v, i) => {
          const date = formatDate(c.start + i, c.style);
          const cells = c.countFirst ? [String(v), date] : [date, String(v)];
          return c.label ? [...cells, 'Region "A", north'] : cells;
        });
        if (c.shuffle) rows.reverse();
        const head = c.countFirst ? ['cases', 'date'] : ['date', 'cases'];
        const text = dsvFormat(c.delimiter).formatRows(c.header ? [c.label ? [...head, 'region'] : head, ...rows] : rows);
        const r = readSeries(text);
        expect(r.ok, r.ok ? '' : r.message).toBe(true);
        if (!r.ok) return;
        expect(isoOfDayNumber(r.value.startDay)).toBe(isoOfDayNumber(c.start));
        expect(r.value.values).toEqual(c.values);
      }),
      { numRuns: 300 }
    );
  });

  it('never throws on arbitrary text, and either reads a series or says why not', () => {
    const noise = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: fc.constantFrom('1', '2', '0', '-', '/', '.', ',', ';', '\t', '\n', '"', 'a', ' ', 'e', '2020-03-01'), maxLength: 600 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b))
    );
    fc.assert(
      fc.property(noise, fc.boolean(), fc.boolean(), (text, repair, fillGaps) => {
        const r = readSeries(text, { repair, fillGaps });
        if (r.ok) {
          expect(r.value.values.length).toBeGreaterThanOrEqual(MIN_DAYS);
          for (const v of r.value.values) expect(Number.isInteger(v) && v >= 0).toBe(true);
        } else {
          expect(r.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 1000 }
    );
  });

  it('gives a message for every corruption of a valid file, never an exception', () => {
    const corruptions = ['drop-row', 'bad-date', 'bad-number', 'negative', 'fraction', 'duplicate', 'truncate'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 25, maxLength: 80 }),
        fc.constantFrom(...corruptions),
        fc.nat(),
        (values, kind, at) => {
          const start = dayNumber(2021, 1, 1)!;
          const rows = values.map((v, i) => [formatDate(start + i, 'iso'), String(v)]);
          const k = 1 + (at % (rows.length - 2));
          if (kind === 'drop-row') rows.splice(k, 1);
          if (kind === 'bad-date') rows[k][0] = '2021-02-30';
          if (kind === 'bad-number') rows[k][1] = 'n/a';
          if (kind === 'negative') rows[k][1] = '-4';
          if (kind === 'fraction') rows[k][1] = '3.5';
          if (kind === 'duplicate') rows[k][0] = rows[k - 1][0];
          if (kind === 'truncate') rows.length = MIN_DAYS - 1;
          const r = readSeries(dsvFormat(',').formatRows([['date', 'cases'], ...rows]));
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.message).toMatch(/\w/);
        }
      ),
      { numRuns: 400 }
    );
  });
});

describe('messages and offers', () => {
  const days = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${isoOfDayNumber(dayNumber(2022, 1, 1)! + i)},${f(i)}`);
  const csv = (lines: string[]) => ['date,cases', ...lines].join('\n');

  it('refuses an empty file, a file without numbers and one without dates', () => {
    expect(readSeries('')).toMatchObject({ ok: false, message: 'The file is empty.' });
    expect(readSeries('\n\n  \n')).toMatchObject({ ok: false, message: 'The file is empty.' });
    expect(readSeries(csv(days(30, () => 'many')))).toMatchObject({ ok: false, message: expect.stringMatching(/No column of numbers/) });
    expect(readSeries(['a,b', ...Array.from({ length: 30 }, (_, i) => `x${i},${i}`)].join('\n'))).toMatchObject({ ok: false, message: expect.stringMatching(/No column of dates/) });
  });

  it('offers to round non-whole counts and to clip negative ones, and does it when asked', () => {
    const text = csv(days(30, (i) => (i === 3 ? '2.6' : i === 5 ? '-2' : '10')));
    expect(readSeries(text)).toMatchObject({ ok: false, offer: 'repair', message: expect.stringMatching(/1 count is not whole and 1 is negative/) });
    const r = readSeries(text, { repair: true });
    expect(r.ok && r.value.values.slice(0, 6)).toEqual([10, 10, 10, 3, 10, 0]);
  });

  it('reports gaps and fills them with 0 when asked', () => {
    const lines = days(30, () => '7');
    lines.splice(10, 2);
    const text = csv(lines);
    expect(readSeries(text)).toMatchObject({ ok: false, offer: 'fill-gaps', message: expect.stringMatching(/^2 days are missing.*follows 2022-01-10/) });
    const r = readSeries(text, { fillGaps: true });
    expect(r.ok && r.value.values.length).toBe(30);
    expect(r.ok && r.value.values.slice(9, 13)).toEqual([7, 0, 0, 7]);
  });

  it('refuses fewer than 20 days and more than 5,000 rows', () => {
    expect(readSeries(csv(days(19, () => '4')))).toMatchObject({ ok: false, message: expect.stringMatching(/has 19 days.*at least 20/) });
    expect(readSeries(csv(days(20, () => '4'))).ok).toBe(true);
    expect(readSeries(csv(days(MAX_ROWS + 1, () => '4')))).toMatchObject({ ok: false, message: expect.stringMatching(/5,001 rows; the limit is 5,000/) });
    // Two rows far apart: few rows, but a span beyond the limit.
    expect(readSeries(csv(['1990-01-01,3', '2020-01-01,4']), { fillGaps: true })).toMatchObject({ ok: false, message: expect.stringMatching(/span/) });
  });

  it('detects a running total and offers its differences', () => {
    let total = 0;
    const text = csv(days(40, (i) => String((total += 5 + (i % 7)))));
    const plain = readSeries(text);
    expect(plain.ok && plain.value.cumulativeLikely).toBe(true);
    const diff = readSeries(text, { difference: true });
    expect(diff.ok && diff.value.values).toEqual(Array.from({ length: 39 }, (_, i) => 5 + ((i + 1) % 7)));
    expect(diff.ok && isoOfDayNumber(diff.value.startDay)).toBe('2022-01-02');
    expect(looksCumulative([5, 9, 3, 12, 8, 20, 1])).toBe(false);
  });

  it('reads the common date formats and refuses impossible dates', () => {
    expect(parseDate('2020-03-01')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('2020/3/1 00:00:00')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('2020-03-01T00:00:00Z')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('3/1/2020')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('3/1/20')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('3/1/2020', 'dmy')).toBe(dayNumber(2020, 1, 3));
    expect(parseDate('01.03.2020')).toBe(dayNumber(2020, 3, 1));
    expect(parseDate('2021-02-29')).toBeNull();
    expect(parseDate('13/13/2020')).toBeNull();
    expect(parseDate('hello')).toBeNull();
  });

  it('reads counts with thousands separators and, with semicolons, decimal commas', () => {
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('12,5', ';')).toBe(12.5);
    expect(parseCount('1e3')).toBe(1000);
    expect(parseCount('12a')).toBeNull();
    expect(parseCount('')).toBeNull();
  });
});

describe('ambiguous slash dates', () => {
  it('reads them month first unless the reader says day first, and says so', () => {
    // 1/1, 1/2, 1/3: no field above 12, so the column cannot tell which order it uses.
    const rows = Array.from({ length: 3 }, (_, k) => `1/${k + 1}/2024,${k + 5}`);
    const text = ['date,n', ...rows].join('\n');
    const t = parseTable(text);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const us = buildSeries(t.value, { dateColumn: 0, countColumn: 1, fillGaps: true });
    const eu = buildSeries(t.value, { dateColumn: 0, countColumn: 1, fillGaps: true, dayOrder: 'dmy' });
    // Month first: 1–3 January (too few days); day first: 1 January, 1 February, 1 March (61 days with gaps).
    expect(us).toMatchObject({ ok: false, message: expect.stringMatching(/3 days/) });
    expect(eu.ok && eu.value.values.length).toBe(61);
    expect(slashOrder(t.value.rows.map((r) => r[0]))).toEqual({ order: 'mdy', assumed: true });
  });
});
