import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

const metrics = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));
/** The page shows losses to three significant digits. */
const shown = (v: number) => v.toPrecision(3);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('figure 4a: the network as knobs', () => {
  it('counts 97 knobs, starts at the random setting, and a knob turned by keyboard changes the loss', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '4a', '[data-readout="knobs"]');
    expect(await fig.locator('[data-readout="knobs"]').textContent()).toBe('97');
    expect(await fig.getByRole('slider').count()).toBe(97);
    const loss = fig.locator('[data-readout="loss"]');
    expect(await loss.textContent()).toBe(shown(metrics.initLoss));

    const knob = fig.getByRole('slider', { name: /^W₂\[2,4\]/ });
    const before = Number(await knob.getAttribute('aria-valuenow'));
    await knob.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowUp');
    const after = Number(await knob.getAttribute('aria-valuenow'));
    expect(after).toBeGreaterThan(before);
    await expect.poll(() => loss.textContent()).not.toBe(shown(metrics.initLoss));
    expect(Number(await loss.textContent())).toBeGreaterThan(0);

    // Home and End reach the ends of the knob's range.
    await page.keyboard.press('End');
    expect(Number(await knob.getAttribute('aria-valuenow'))).toBe(Number(await knob.getAttribute('aria-valuemax')));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the trained setting with the trained loss, and lights the path of the knob under the pointer', async () => {
    const { page, context } = await openLecture(browser);
    const fig = await showFigure(page, '4a', '[data-readout="knobs"]');
    await fig.getByRole('button', { name: 'Trained' }).click();
    await expect.poll(() => fig.locator('[data-readout="loss"]').textContent()).toBe(shown(metrics.trainedLoss));
    expect(await fig.locator('.wires line.lit').count()).toBe(0);
    // A second-layer weight: its column below its first-layer unit, its row, and the output wire.
    await fig.getByRole('slider', { name: /^W₂\[2,4\]/ }).hover();
    const lit = await fig.locator('.wires line.lit').count();
    expect(lit).toBeGreaterThan(5);
    // A first-layer weight reaches every second-layer unit: a longer path.
    await fig.getByRole('slider', { name: /^W₁\[0,2\]/ }).hover();
    expect(await fig.locator('.wires line.lit').count()).toBeGreaterThan(lit);
    expect(await fig.locator('.unit.lit').count()).toBeGreaterThan(8);
    await context.close();
  });
});

describe('figure 4b: from random to fitted', () => {
  it('at "fitted" shows exactly the trained loss, at "random" the starting loss', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '4b', '[data-readout="loss"]');
    const slider = fig.getByRole('slider', { name: /random start/ });
    const loss = fig.locator('[data-readout="loss"]');
    expect(await loss.textContent()).toBe(shown(metrics.initLoss));
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => fig.locator('[data-readout="position"]').textContent()).toBe('100%');
    expect(await loss.textContent()).toBe(shown(metrics.trainedLoss));
    // Halfway, the loss is that of the halfway knobs: neither end.
    await slider.fill('50');
    await expect.poll(() => fig.locator('[data-readout="position"]').textContent()).toBe('50%');
    expect(await loss.textContent()).not.toBe(shown(metrics.trainedLoss));
    // The road chart has a marker and a line.
    expect(await fig.locator('.road-line').getAttribute('d')).toMatch(/^M/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
