import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const count = (s: string | null) => Number((s ?? '').replace(/,/g, ''));

describe('figure 3a: the polynomial ladder', () => {
  it('the degree slider moves the training error monotonically down, and the held-out error up at the top', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '3a');
    const slider = fig.getByRole('slider', { name: /Degree/ });
    await slider.focus();
    await page.keyboard.press('Home');
    const train: number[] = [];
    const held: number[] = [];
    for (let d = 1; d <= 15; d++) {
      expect(await fig.locator('[data-readout="degree"]').textContent()).toBe(String(d));
      train.push(count(await fig.locator('[data-readout="train-error"]').textContent()));
      held.push(count(await fig.locator('[data-readout="holdout-error"]').textContent()));
      await page.keyboard.press('ArrowRight');
    }
    for (let d = 1; d < train.length; d++) expect(train[d]).toBeLessThanOrEqual(train[d - 1]);
    expect(train[14]).toBeLessThan(train[0]);
    // More expressivity is not free: at the top of the ladder the held-out weeks are missed badly.
    expect(held[14]).toBeGreaterThan(train[14] * 3);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 3b: nested parabolas', () => {
  it('counts 2^depth − 1 bends at a = 2, depth 1 to 6', async () => {
    const { page, context } = await openLecture(browser);
    const fig = await showFigure(page, '3b');
    const depth = fig.getByRole('slider', { name: /Depth/ });
    await depth.focus();
    await page.keyboard.press('Home');
    for (let k = 1; k <= 6; k++) {
      expect(await fig.locator('[data-readout="bends"]').textContent()).toBe(String(2 ** k - 1));
      await page.keyboard.press('ArrowRight');
    }
    // Lower a to 1: the doubling stops.
    await fig.getByRole('slider', { name: /a in h/ }).fill('1');
    expect(await fig.locator('[data-readout="bends"]').textContent()).toBe('1');
    await context.close();
  });
});
