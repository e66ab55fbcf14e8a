// European spreadsheets: ';' between fields, dates written 04.10.2021, counts written 1.234 (a dot
// between thousands) or 12,5 (a decimal comma). Every file here is built in the test, and what the
// reader is told is checked word for word: a reading is either stated in a sentence, with the
// other reading one click away, or asked, never taken silently.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_DAYS, buildSeries, guessColumns, parseNumber, parseTable, readCounts, type NumberStyle, type SeriesOptions } from '$lib/data/csv-series';
import { dateInWords, dayNumber, isoOfDayNumber, parseDate, slashOrder, type DayOrder } from '$lib/data/dates';

/** The path the panel takes: parse, guess the columns, build with the reader's answers. */
function readSeries(text: string, opts: Partial<SeriesOptions> = {}) {
  const t = parseTable(text);
  if (!t.ok) throw new Error(t.message);
  const g = guessColumns(t.value);
  return buildSeries(t.value, { dateColumn: g.date!, countColumn: g.count!, ...opts });
}

/** 1234567 → "1.234.567": the German spreadsheet's way, written out here rather than by Intl. */
function dotted(n: number): string {
  const digits = String(n);
  const head = digits.length % 3 || 3;
  return [digits.slice(0, head), ...(digits.slice(head).match(/\d{3}/g) ?? [])].join('.');
}
const pad = (n: number) => String(n).padStart(2, '0');
function dotDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}
const OCT_4 = dayNumber(2021, 10, 4)!;
const european = (counts: string[]) => ['Datum;Fälle', ...counts.map((c, i) => `${dotDate(OCT_4 + i)};${c}`)].join('\n');

describe('counts with a dot between thousands', () => {
  it('reads the issue\'s file: ";" between fields, 04.10.2021, 1.234; and says how, in the status sentence', () => {
    const values = Array.from({ length: 30 }, (_, i) => 40 * i + (i % 3) * 7 + (i > 25 ? 1000 : 0));
    const r = readSeries(european(values.map(dotted)));
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.value.values).toEqual(values);
    expect(isoOfDayNumber(r.value.startDay)).toBe('2021-10-04');
    expect(r.value.countReading).toBe('In column “Fälle”, the dot separates thousands: “1.007” was read as 1007, because a daily count is a whole number.');
    expect(r.value.notes).toEqual([]); // 04.10 … 02.11: days above 12 settle the order, nothing to say
  });

  it('offers the other reading in one click, which then meets the usual refusal of counts that are not whole', () => {
    const t = parseTable(european(Array.from({ length: 25 }, (_, i) => dotted(1000 + 17 * i))));
    if (!t.ok) throw new Error(t.message);
    const cells = t.value.rows.map((r) => r[1]);
    expect(readCounts(cells, 'Fälle')).toEqual({
      style: 'comma',
      ask: false,
      sentence: 'In column “Fälle”, the dot separates thousands: “1.017” was read as 1017, because a daily count is a whole number.',
      choices: [{ style: 'point', label: 'The dot is a decimal point: “1.017” is 1.017.' }]
    });
    const asDecimals = buildSeries(t.value, { dateColumn: 0, countColumn: 1, countStyle: 'point' });
    expect(asDecimals).toEqual({
      ok: false,
      offer: 'repair',
      message:
        'In column “Fälle”, 24 counts are not whole. Daily counts must be whole numbers of zero or more. ' +
        'In column “Fälle”, the dot is a decimal point: “1.017” was read as 1.017, as you chose.'
    });
  });

  it('asks when both readings give whole counts (1.000 is 1000 or 1), and reads the answer', () => {
    const text = european(Array.from({ length: 24 }, (_, i) => (i % 4 === 0 ? `${1 + i / 4}.000` : String(100 + i))));
    const asked = readSeries(text);
    expect(asked).toEqual({ ok: false, offer: 'count-style', message: 'In column “Fälle”, “1.000” could be 1 (the dot is a decimal point) or 1000 (the dot separates thousands). Which is it?' });
    const t = parseTable(text);
    if (!t.ok) throw new Error(t.message);
    expect(readCounts(t.value.rows.map((r) => r[1]), 'Fälle').choices).toEqual([
      { style: 'comma', label: 'The dot separates thousands: “1.000” is 1000.' },
      { style: 'point', label: 'The dot is a decimal point: “1.000” is 1.' }
    ]);
    const thousands = readSeries(text, { countStyle: 'comma' });
    expect(thousands.ok && thousands.value.values.slice(0, 5)).toEqual([1000, 101, 102, 103, 2000]);
    expect(thousands.ok && thousands.value.countReading).toBe('In column “Fälle”, the dot separates thousands: “1.000” was read as 1000, as you chose.');
    const ones = readSeries(text, { countStyle: 'point' });
    expect(ones.ok && ones.value.values.slice(0, 5)).toEqual([1, 101, 102, 103, 2]);
  });

  it('needs no question when a count has two dots (1.234.567 has one reading) or a decimal comma', () => {
    const big = readSeries(european(Array.from({ length: 22 }, (_, i) => dotted(1_000 * i + (i === 21 ? 2_000_000 : 5)))));
    expect(big.ok && big.value.countReading).toBe('In column “Fälle”, the dot separates thousands: “1.005” was read as 1005.');
    const onlyTwoDots = readSeries(european(Array.from({ length: 22 }, (_, i) => dotted(1_234_567 + i))));
    expect(onlyTwoDots.ok && onlyTwoDots.value.countReading).toBe('In column “Fälle”, the dot separates thousands: “1.234.567” was read as 1234567.');
    const decimals = readSeries(european(Array.from({ length: 22 }, (_, i) => `${dotted(1000 + i)},5`)));
    expect(decimals).toMatchObject({
      ok: false,
      offer: 'repair',
      message: 'In column “Fälle”, 22 counts are not whole. Daily counts must be whole numbers of zero or more. In column “Fälle”, the dot separates thousands and the comma is a decimal mark: “1.000,5” was read as 1000.5.'
    });
    const rounded = readSeries(european(Array.from({ length: 22 }, (_, i) => `${dotted(1000 + i)},5`)), { repair: true });
    expect(rounded.ok && rounded.value.values.slice(0, 3)).toEqual([1001, 1002, 1003]);
  });

  it('says so for English thousands too, and says nothing when there is nothing to read two ways', () => {
    const us = ['date,cases', ...Array.from({ length: 22 }, (_, i) => `${isoOfDayNumber(OCT_4 + i)},"${i === 3 ? '2,500' : i}"`)].join('\n');
    const r = readSeries(us);
    expect(r.ok && r.value.values[3]).toBe(2500);
    expect(r.ok && r.value.countReading).toBe('In column “cases”, the comma separates thousands: “2,500” was read as 2500, because a daily count is a whole number.');
    const plain = readSeries(european(Array.from({ length: 22 }, (_, i) => String(3 * i + 1))));
    expect(plain.ok && plain.value.countReading).toBe('');
  });

  it('reads one cell in each style', () => {
    const cases: [string, number | null, number | null][] = [
      ['1.234', 1.234, 1234],
      ['1,234', 1234, 1.234],
      ['1.234.567', null, 1234567],
      ['1,234,567.5', 1234567.5, null],
      ['1.234,5', null, 1234.5],
      ['12,5', null, 12.5],
      ['-3', -3, -3],
      ['1e3', 1000, 1000],
      ['12.34.5', null, null],
      ['1.2345', 1.2345, null],
      ['', null, null]
    ];
    for (const [cell, point, comma] of cases) {
      expect([cell, parseNumber(cell, 'point'), parseNumber(cell, 'comma')]).toEqual([cell, point, comma]);
    }
  });
});

describe('never a silent guess (property tests)', () => {
  const cell = fc.oneof(
    fc.nat({ max: 999 }).map(String),
    fc.nat({ max: 99_999_999 }).map(dotted),
    fc.nat({ max: 99_999_999 }).map((n) => dotted(n).replace(/\./g, ',')),
    fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99 })).map(([a, b]) => `${dotted(a)},${b}`),
    fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`)
  );

  it('whenever the two readings of a column differ, the reader is told and can take the other in one click', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 40 }), fc.option(fc.constantFrom<NumberStyle>('point', 'comma'), { nil: undefined }), (cells, chosen) => {
        const r = readCounts(cells, 'n', chosen);
        const fitsAll = (style: NumberStyle) => cells.every((c) => parseNumber(c, style) !== null);
        const differs = fitsAll('point') && fitsAll('comma') && cells.some((c) => parseNumber(c, 'point') !== parseNumber(c, 'comma'));
        if (differs) {
          expect(r.sentence).not.toBe('');
          expect(r.choices.length).toBe(r.ask ? 2 : 1);
          if (!r.ask) expect(r.choices[0].style).not.toBe(r.style);
          if (chosen) expect(r).toMatchObject({ ask: false, style: chosen });
        } else {
          expect(r.ask).toBe(false);
          expect(r.choices).toEqual([]);
        }
        // Asked only when counts cannot settle it: both readings whole, or neither.
        const whole = (style: NumberStyle) => cells.every((c) => Number.isInteger(parseNumber(c, style) ?? 0));
        if (r.ask) expect(whole('point')).toBe(whole('comma'));
      }),
      { numRuns: 1000 }
    );
  });

  it('a German spreadsheet of any daily counts is read back exactly, or the reader is asked and the answer reads it back', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5_000_000 }), { minLength: MIN_DAYS, maxLength: 120 }).filter((v) => v.some((x) => x > 0)), (values) => {
        const text = european(values.map(dotted));
        const r = readSeries(text);
        const grouped = values.filter((v) => v >= 1000);
        // Asked exactly when the dotted counts all read "d.000" (whole either way) and none has two dots.
        const ask = grouped.length > 0 && grouped.every((v) => v < 1e6 && v % 1000 === 0);
        if (ask) {
          expect(r).toMatchObject({ ok: false, offer: 'count-style' });
          const answered = readSeries(text, { countStyle: 'comma' });
          expect(answered.ok && answered.value.values).toEqual(values);
          return;
        }
        expect(r.ok, r.ok ? '' : r.message).toBe(true);
        if (!r.ok) return;
        expect(r.value.values).toEqual(values);
        expect(r.value.countReading === '').toBe(grouped.length === 0);
      }),
      { numRuns: 200 }
    );
  });

  it('a date order is claimed settled only when some date fits one order alone, and assumed (and said) otherwise', () => {
    const dates = fc.record({
      order: fc.constantFrom<DayOrder>('dmy', 'mdy'),
      sep: fc.constantFrom('.', '/', '-'),
      days: fc.array(fc.integer({ min: dayNumber(2000, 1, 1)!, max: dayNumber(2030, 12, 31)! }), { minLength: 1, maxLength: 30 })
    });
    fc.assert(
      fc.property(dates, ({ order, sep, days }) => {
        const cells = days.map((n) => {
          const d = new Date(n * 86_400_000);
          const [day, month] = [d.getUTCDate(), d.getUTCMonth() + 1];
          return [...(order === 'dmy' ? [day, month] : [month, day]), d.getUTCFullYear()].join(sep);
        });
        const read = (o: DayOrder) => cells.map((c) => parseDate(c, o));
        const { order: found, assumed } = slashOrder(cells);
        const other: DayOrder = order === 'dmy' ? 'mdy' : 'dmy';
        const settles = read(other).some((d) => d === null);
        expect(assumed).toBe(!settles);
        if (settles) expect(found).toBe(order);
        if (!settles && read(other).some((d, i) => d !== days[i])) {
          // Truly open: the column's convention (dots day first) is taken, and buildSeries says so.
          expect(found).toBe(sep === '.' ? 'dmy' : 'mdy');
        }
        expect(read(found).every((d) => d !== null)).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});

describe('dotted dates no day above 12 can settle', () => {
  // The first of every month, 2021–2022: 1.2 is 1 February (day first) or 2 January (month first).
  const firsts = Array.from({ length: 24 }, (_, k) => `01.${pad((k % 12) + 1)}.${2021 + Math.floor(k / 12)};${10 + k}`);
  const text = ['date;visits', ...firsts].join('\n');

  it('reads them day first, the convention with dots, and says so with one of them in words', () => {
    const r = readSeries(text, { fillGaps: true });
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (!r.ok) return;
    expect(isoOfDayNumber(r.value.startDay)).toBe('2021-01-01');
    expect(r.value.values.length).toBe(dayNumber(2022, 12, 1)! - dayNumber(2021, 1, 1)! + 1);
    expect(r.value.notes).toContain(
      'Dates like “01.02.2021” were read day first, as 1 February 2021: the usual order when dots separate the parts, and no date in the column says otherwise. If the month comes first, choose that above.'
    );
  });

  it('reads them month first when the reader says so, and then says nothing more', () => {
    const r = readSeries(text, { fillGaps: true, dayOrder: 'mdy' });
    // Month first: 1 January to 12 January of each year, so two runs of 12 days a year apart.
    expect(r.ok && isoOfDayNumber(r.value.startDay)).toBe('2021-01-01');
    expect(r.ok && r.value.notes.some((n) => n.startsWith('Dates like'))).toBe(false);
    expect(dateInWords(parseDate('01.02.2021', 'mdy')!)).toBe('2 January 2021');
  });
});
