import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { expect, pollReadout, readNumber, readText, test } from './fixture';
import { showFigure } from './browser';
import { Mlp } from '../../src/lib/models/mlp/mlp';
import { NYC_TASK } from '../../src/lib/models/mlp/nyc-curve-task';
import { BENDING_START_SEED } from '../../src/lib/models/knobs/knob-desk';

const metrics = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));
/** The page shows losses to three significant digits. */
const shown = (v: number) => v.toPrecision(3);
/** 4a opens on the seeded random start that bends (knob-desk.ts), not on the training's own start. */
const deskStartLoss = new Mlp(metrics.width, BENDING_START_SEED).loss(NYC_TASK);

describe('figure 4a: the network as knobs', () => {
  test('counts 97 knobs, starts at the random setting, and a knob turned by keyboard changes the loss', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '4a', '[data-readout="knobs"]');
    await pollReadout(page, '4a', 'knobs').toBe('97');
    expect(await fig.getByRole('slider').count()).toBe(97);
    await pollReadout(page, '4a', 'loss').toBe(shown(deskStartLoss));

    const knob = fig.getByRole('slider', { name: /^W₂\[2,4\]/ });
    const before = Number(await knob.getAttribute('aria-valuenow'));
    await knob.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await knob.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
    await pollReadout(page, '4a', 'loss').not.toBe(shown(deskStartLoss));
    expect(await readNumber(page, '4a', 'loss')).toBeGreaterThan(0);

    // Home and End reach the ends of the knob's range.
    await page.keyboard.press('End');
    await expect.poll(async () => Number(await knob.getAttribute('aria-valuenow'))).toBe(Number(await knob.getAttribute('aria-valuemax')));
  });

  test('loads the trained setting with the trained loss, and lights the path of the knob under the pointer', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '4a', '[data-readout="knobs"]');
    await fig.getByRole('button', { name: 'Trained' }).click();
    await pollReadout(page, '4a', 'loss').toBe(shown(metrics.trainedLoss));
    expect(await fig.locator('.wires line.lit').count()).toBe(0);
    // A second-layer weight: its column below its first-layer unit, its row, and the output wire.
    await fig.getByRole('slider', { name: /^W₂\[2,4\]/ }).hover();
    await expect.poll(() => fig.locator('.wires line.lit').count()).toBeGreaterThan(5);
    const lit = await fig.locator('.wires line.lit').count();
    // A first-layer weight reaches every second-layer unit: a longer path.
    await fig.getByRole('slider', { name: /^W₁\[0,2\]/ }).hover();
    await expect.poll(() => fig.locator('.wires line.lit').count()).toBeGreaterThan(lit);
    await expect.poll(() => fig.locator('.unit.lit').count()).toBeGreaterThan(8);
  });
});

describe('figure 4b: from random to fitted', () => {
  test('at "fitted" shows exactly the trained loss, at "random" the starting loss', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '4b', '[data-readout="loss"]');
    const slider = fig.getByRole('slider', { name: /random start/ });
    await pollReadout(page, '4b', 'loss').toBe(shown(metrics.initLoss));
    await slider.focus();
    await page.keyboard.press('End');
    await pollReadout(page, '4b', 'position').toBe('100%');
    await pollReadout(page, '4b', 'loss').toBe(shown(metrics.trainedLoss));
    // Halfway, the loss is that of the halfway knobs: neither end.
    await slider.fill('50');
    await pollReadout(page, '4b', 'position').toBe('50%');
    await pollReadout(page, '4b', 'loss').not.toBe(shown(metrics.trainedLoss));
    expect(await readText(page, '4b', 'loss')).not.toBe(shown(metrics.initLoss));
    // The road chart has a marker and a line.
    expect(await fig.locator('.road-line').getAttribute('d')).toMatch(/^M/);
  });
});
