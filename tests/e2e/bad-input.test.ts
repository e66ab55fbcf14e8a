/**
 * Bad input met with a plain sentence: a European spreadsheet in the own-data panel under figure
 * 1a (';' between fields, dates 04.10.2021, counts 1.234 with a dot between thousands), and a
 * TIFF picture in figure 7b, built here byte by byte in both byte orders.
 */
import { describe } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expect, test, openOwnDataPanel, seriousAxeFindings } from './fixture';
import { showFigure } from './browser';

const status = (page: Page) => page.locator('[data-readout="data-status"]');
const statusText = (page: Page) => status(page).textContent();
/** 12345 → "12,345", the page's way of writing a count. */
const english = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** 12345 → "12.345", a German spreadsheet's way. */
const german = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function europeanCsv(counts: string[], startDay = Date.UTC(2021, 9, 4)): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const rows = counts.map((c, i) => {
    const d = new Date(startDay + i * 86_400_000);
    return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()};${c}`;
  });
  return ['Datum;Fälle', ...rows].join('\r\n');
}

describe('own data: a European spreadsheet', () => {
  // A generous limit on waiting (three files read, an accessibility scan), not a thing tested.
  test('reads 1.234 as 1234 and says so, offers the decimal reading in one click, and asks about 1.000', { timeout: 180_000 }, async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const input = await openOwnDataPanel(page);

    // 30 days from 04.10.2021, rising past a thousand on day 20.
    const values = Array.from({ length: 30 }, (_, i) => 60 * i + (i % 4) * 11 + 1);
    const total = values.reduce((a, b) => a + b, 0);
    const peak = Math.max(...values);
    const firstGrouped = values.find((v) => v >= 1000)!;
    await input.setInputFiles({ name: 'faelle.csv', mimeType: 'text/csv', buffer: Buffer.from(europeanCsv(values.map(german))) });
    const thousands = `In column “Fälle”, the dot separates thousands: “${german(firstGrouped)}” was read as ${firstGrouped}, because a daily count is a whole number.`;
    await expect
      .poll(() => statusText(page), { timeout: 30_000 })
      .toBe(`Ready: 30 days, 2021-10-04 to 2021-11-02; ${english(total)} in all, peak ${english(peak)} on 2021-11-02. ${thousands}`);

    // The other reading, one click away: the dot as a decimal point makes fractions, which are refused.
    const decimal = page.locator('[data-action="count-style-point"]');
    await expect.poll(() => decimal.textContent()).toBe(`The dot is a decimal point: “${german(firstGrouped)}” is ${firstGrouped / 1000}.`);
    await decimal.click();
    const fractions = values.filter((v) => v >= 1000 && v % 1000 !== 0).length;
    await expect
      .poll(() => statusText(page))
      .toBe(
        `In column “Fälle”, ${fractions} counts are not whole. Daily counts must be whole numbers of zero or more. ` +
          `In column “Fälle”, the dot is a decimal point: “${german(firstGrouped)}” was read as ${firstGrouped / 1000}, as you chose.`
      );
    await page.locator('[data-action="count-style-comma"]').click();
    await expect.poll(() => statusText(page)).toMatch(/^Ready: 30 days, .* the dot separates thousands: .*, as you chose\.$/);

    // Every grouped count is a whole thousand: 1.000 is 1000 or 1, and only the reader knows.
    const round = Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? 1000 * (i / 5 + 1) : 40 + i));
    await page.locator('textarea[data-input="own-paste"]').fill(europeanCsv(round.map(german)));
    await page.locator('[data-action="read-paste"]').click();
    await expect.poll(() => statusText(page)).toBe('In column “Fälle”, “1.000” could be 1 (the dot is a decimal point) or 1000 (the dot separates thousands). Which is it?');
    await expect.poll(() => page.locator('[data-action="count-style-point"]').textContent()).toBe('The dot is a decimal point: “1.000” is 1.');
    // The question and its answers: no serious accessibility violation, and they fit a small phone's 320 px.
    expect(await seriousAxeFindings(page, ['[data-own-data]'])).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const el of await page.locator('[data-own-data] .offer, [data-own-data] .offer .btn, [data-readout="data-status"]').all()) {
      const box = (await el.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    }
    await page.locator('[data-action="count-style-comma"]').click();
    await expect
      .poll(() => statusText(page))
      .toMatch(new RegExp(`^Ready: 25 days, 2021-10-04 to 2021-10-28; ${english(round.reduce((a, b) => a + b, 0))} in all, peak 5,000 on 2021-10-24\\.`));
  });

  test('dotted dates no day above 12 settles: read day first, said in words, and switched in one choice', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    await openOwnDataPanel(page);
    // The first of each month, 2021 and 2022: 01.02.2021 is 1 February, or 2 January month first.
    const lines = Array.from({ length: 24 }, (_, k) => `01.${String((k % 12) + 1).padStart(2, '0')}.${2021 + Math.floor(k / 12)};${10 + k}`);
    await page.locator('textarea[data-input="own-paste"]').fill(['date;visits', ...lines].join('\n'));
    await page.locator('[data-action="read-paste"]').click();
    await expect.poll(() => statusText(page)).toMatch(/^676 days are missing between 2021-01-01 and 2022-12-01/);
    await page.locator('[data-action="fill-gaps"]').click();
    await expect.poll(() => statusText(page)).toMatch(/^Ready: 700 days, 2021-01-01 to 2022-12-01;/);
    await expect
      .poll(() => page.locator('.notes').textContent())
      .toContain('Dates like “01.02.2021” were read day first, as 1 February 2021: the usual order when dots separate the parts, and no date in the column says otherwise.');
    const order = page.locator('select[data-input="day-order"]');
    expect(await order.inputValue()).toBe('dmy');
    expect(await order.locator('option').allTextContents()).toEqual(['month first (US): 2 January 2021', 'day first (European): 1 February 2021']);
    await order.selectOption('mdy');
    await expect.poll(() => statusText(page)).toMatch(/^Ready: 377 days, 2021-01-01 to 2022-01-12;/);
  });
});

/**
 * A 2 × 2 uncompressed RGB TIFF (baseline TIFF 6.0): the 8-byte header, one image directory of
 * 9 entries, then the three bits-per-sample values and the 12 bytes of pixels.
 */
function tiff(order: 'II' | 'MM'): Buffer {
  const le = order === 'II';
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, 3, 1, 2], // ImageWidth
    [257, 3, 1, 2], // ImageLength
    [258, 3, 3, 0], // BitsPerSample: 3 values, at an offset filled in below
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 2], // PhotometricInterpretation: RGB
    [273, 4, 1, 0], // StripOffsets: filled in below
    [277, 3, 1, 3], // SamplesPerPixel
    [278, 3, 1, 2], // RowsPerStrip
    [279, 4, 1, 12] // StripByteCounts
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const bitsAt = 8 + ifdSize;
  const pixelsAt = bitsAt + 6;
  entries[2][3] = bitsAt;
  entries[5][3] = pixelsAt;
  const b = Buffer.alloc(pixelsAt + 12);
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    u16(tag, at);
    u16(type, at + 2);
    u32(count, at + 4);
    // A single SHORT sits in the first two bytes of the value field, whatever the byte order.
    if (type === 3 && count === 1) u16(value, at + 8);
    else u32(value, at + 8);
  });
  u32(0, 10 + entries.length * 12); // no next directory
  for (let k = 0; k < 3; k++) u16(8, bitsAt + 2 * k);
  Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]).copy(b, pixelsAt);
  return b;
}

describe('figure 7b: a TIFF picture', () => {
  test('is named as a TIFF the browser cannot decode, with what to save it as, in both byte orders', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await fig.locator('[data-readout="probability"]').waitFor({ timeout: 40_000 });
    const uploadStatus = fig.locator('[data-readout="upload-status"]');
    const sentence = 'That is a TIFF picture, which this browser cannot decode. Save it as a PNG or a JPEG (any photo or image editor can) and try again.';
    for (const [name, order] of [['scan.tif', 'II'], ['scan-mac.tiff', 'MM']] as const) {
      const bytes = tiff(order);
      expect(bytes.subarray(0, 4)).toEqual(Buffer.from(order === 'II' ? [0x49, 0x49, 0x2a, 0] : [0x4d, 0x4d, 0, 0x2a]));
      await fig.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/tiff', buffer: bytes });
      await expect.poll(() => uploadStatus.textContent()).toBe(sentence);
      // The same sentence twice running: clear it between the two, so the second is really read.
      await fig.locator('input[type="file"]').setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
      await expect.poll(() => uploadStatus.textContent()).toMatch(/That file is empty/);
    }
  });
});
