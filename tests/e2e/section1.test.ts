import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { referenceOutput } from '../unit/models/reference-mlp';
import { expect, parseNumber, pollReadout, readNumber, readText, test, openMore } from './fixture';
import { showFigure } from './browser';
import { BOROUGHS, NYC_CITYWIDE, dayOfIso } from '../../src/lib/data/nyc';
import { decodeSafetensors } from '../../src/lib/engine/safetensors';

// The shipped network's knobs in the documented order, for figure 1c's network machine.
const { tensors } = decodeSafetensors(new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors')));
const knobs = ['l1.weight', 'l1.bias', 'l2.weight', 'l2.bias', 'l3.weight', 'l3.bias'].flatMap((k) => Array.from(tensors.get(k)!.data));

/** Doubling time by a route independent of the page's code: closed-form slope of ln(count) on day. */
function referenceDoubling(from: string, to: string): number {
  const pts: [number, number][] = [];
  for (let d = dayOfIso(from); d <= dayOfIso(to); d++) if (NYC_CITYWIDE[d] > 0) pts.push([d, Math.log(NYC_CITYWIDE[d])]);
  const n = pts.length;
  const sx = pts.reduce((s, p) => s + p[0], 0);
  const sy = pts.reduce((s, p) => s + p[1], 0);
  const sxy = pts.reduce((s, p) => s + p[0] * p[1], 0);
  const sxx = pts.reduce((s, p) => s + p[0] * p[0], 0);
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return Math.LN2 / slope;
}

describe('figure 1a: daily cases', () => {
  test('moves the crosshair with the arrow keys and reads out the right day', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '1a');
    const slider = fig.getByRole('slider', { name: /Day on the chart/ });
    await slider.focus();
    await page.keyboard.press('Home');
    await pollReadout(page, '1a', 'date').toBe('Sat 29 Feb 2020');
    await pollReadout(page, '1a', 'cases').toBe('1');
    // 37 days after 29 Feb is 6 April, the peak.
    for (let i = 0; i < 37; i++) await page.keyboard.press('ArrowRight');
    await pollReadout(page, '1a', 'date').toBe('Mon 6 Apr 2020');
    await pollReadout(page, '1a', 'cases').toBe('6,353');
    await page.keyboard.press('PageUp'); // a week later
    await pollReadout(page, '1a', 'date').toBe('Mon 13 Apr 2020');
    await pollReadout(page, '1a', 'cases').toBe(NYC_CITYWIDE[dayOfIso('2020-04-13')].toLocaleString('en-US'));
    await page.keyboard.press('End');
    await pollReadout(page, '1a', 'date').toBe('Fri 31 Jul 2020');
    await pollReadout(page, '1a', 'cases').toBe('262');
  });

  test('follows the mouse', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '1a');
    const box = (await fig.locator('rect.hit').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await pollReadout(page, '1a', 'date').toBe('Sat 29 Feb 2020');
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await pollReadout(page, '1a', 'date').toBe('Fri 31 Jul 2020');
  });

  test('switches to a log scale and reports the doubling time of the early window', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '1a');
    const logButton = fig.getByRole('button', { name: 'Log' });
    await logButton.click();
    await expect.poll(() => logButton.getAttribute('aria-pressed')).toBe('true');
    // Log axis: decades labelled 1 … 10k.
    await expect.poll(() => fig.locator('.axis text').allTextContents()).toEqual(expect.arrayContaining(['1', '10', '100', '1k', '10k']));
    const shown = await readNumber(page, '1a', 'doubling-days');
    expect(shown).toBeCloseTo(referenceDoubling('2020-03-10', '2020-03-25'), 1);
    // Moving the window start by keyboard refits.
    await openMore(fig);
    const start = fig.getByRole('slider', { name: /Window starts/ });
    await start.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readNumber(page, '1a', 'doubling-days')).toBeCloseTo(referenceDoubling('2020-03-11', '2020-03-25'), 1);
    await fig.getByRole('button', { name: 'Linear' }).click();
    await expect.poll(() => fig.locator('.axis text').allTextContents()).not.toContain('10k');
  });

  test('draws all days at once under reduced motion', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '1a');
    const drawn = NYC_CITYWIDE.filter((c) => c > 0).length;
    await expect.poll(() => fig.locator('rect.bar').count()).toBe(drawn);
  });
});

describe('figure 1b: boroughs', () => {
  test('scrubs the date and updates every borough', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '1b');
    const scrub = fig.getByRole('slider', { name: /Date/ });
    await scrub.focus();
    await page.keyboard.press('End');
    await pollReadout(page, '1b', 'date').toBe('Fri 31 Jul 2020');
    await page.keyboard.press('Home');
    await pollReadout(page, '1b', 'date').toBe('Sat 29 Feb 2020');
    await pollReadout(page, '1b', 'rate-queens').toBe('—');
    await scrub.fill(String(dayOfIso('2020-04-06')));
    // Queens, 7-day average ending 6 April per 100k residents.
    const d = dayOfIso('2020-04-06');
    const queens = BOROUGHS.find((b) => b.key === 'queens')!;
    const q = (queens.cases.slice(d - 6, d + 1).reduce((a, b) => a + b, 0) / 7 / queens.population) * 1e5;
    await pollReadout(page, '1b', 'rate-queens').toBe(q.toFixed(1));
  });
});

describe('figure 1c: the machine', () => {
  test('answers from the data, and says so when a day is outside it', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '1c');
    const typed = fig.getByRole('textbox', { name: /type a date/ });
    await typed.fill('2020-04-06');
    await typed.press('Enter');
    await pollReadout(page, '1c', 'machine-output').toBe('6,353');
    await typed.fill('2020-08-15');
    await typed.press('Enter');
    await pollReadout(page, '1c', 'machine-output').toBe('no answer');
    // A date the calendar does not have is refused, not rolled over to the next month.
    await typed.fill('2020-02-30');
    await typed.press('Enter');
    await expect.poll(() => fig.getByRole('status').textContent()).toContain('YYYY-MM-DD');
    await typed.fill(' 2020-04-06 ');
    await typed.press('Enter');
    await pollReadout(page, '1c', 'machine-output').toBe('6,353');
    await typed.fill('2020-08-15');
    await typed.press('Enter');
    await typed.fill('not a date');
    await typed.press('Enter');
    await expect.poll(() => fig.getByRole('status').textContent()).toContain('YYYY-MM-DD');
    await pollReadout(page, '1c', 'machine-output').toBe('no answer');
  });
});

describe('figure 1c: the machines of later sections', () => {
  test('answers with the trained network past the data, and offers the SIR model once 2c has fitted it', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '1c');
    const machine = fig.getByRole('combobox', { name: 'Machine' });
    await expect.poll(() => machine.locator('option').allTextContents()).toEqual(['Look it up', 'Trained network']);
    await expect(fig.textContent()).resolves.toContain('once you run the fit in figure 2c');
    const typed = fig.getByRole('textbox', { name: /type a date/ });
    await typed.fill('2020-08-15');
    await typed.press('Enter');
    await machine.selectOption({ label: 'Trained network' });
    // The network's answer, recomputed here in double precision from the shipped knobs (day 168).
    const day = Math.round((Date.UTC(2020, 7, 15) - Date.UTC(2020, 1, 29)) / 864e5);
    const expected = Math.max(0, Math.round(referenceOutput(knobs, 8, (2 * day) / 153 - 1) * Math.max(...NYC_CITYWIDE)));
    await expect.poll(async () => Math.abs(parseNumber(await readText(page, '1c', 'machine-output')) - expected)).toBeLessThanOrEqual(1);

    // Fit SIR in figure 2c; the SIR machine then answers the same day from the fitted equations.
    const fit = await showFigure(page, '2c', '[data-readout="loss"]');
    const button = fit.getByRole('button', { name: 'Fit from here' });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    await expect.poll(() => fit.getByRole('button', { name: 'Fit from here' }).count(), { timeout: 60_000 }).toBe(1);
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => machine.locator('option').allTextContents()).toEqual(['Look it up', 'Trained network', 'SIR model, fitted']);
    await machine.selectOption({ label: 'SIR model, fitted' });
    await pollReadout(page, '1c', 'machine-output').toMatch(/^[\d,]+$/);
    await expect(fig.textContent()).resolves.toContain('fitted β =');
  });
});

describe('table of contents', () => {
  test('lands a jump on its section even while figures above it load and grow', async ({ open }) => {
    const { page } = await open({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Contents' }).click();
    await page.locator('nav#contents').getByRole('link', { name: /Sources and notes/ }).click();
    // The jump corrects its landing for 1.9 s (src/lib/ui/jump.ts); after that, once the layout has
    // stopped moving, the section must sit under the top bar.
    await page.waitForTimeout(2200);
    const offsetNow = () =>
      page.evaluate(() => document.getElementById('sources')!.getBoundingClientRect().top - document.querySelector('.topbar')!.getBoundingClientRect().bottom);
    let offset = await offsetNow();
    await expect
      .poll(async () => {
        const last = offset;
        offset = await offsetNow();
        return offset === last;
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);
    expect(Math.abs(offset)).toBeLessThan(40);
  });
});
