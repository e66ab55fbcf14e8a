import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('figure 9: the same move three times', () => {
  it('runs all three handoffs live: the photo changes the CNN answer, the adjective moves "it"', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '9', '[data-readout="pattern-it-attends-to"]');
    expect(await fig.getByRole('img', { name: /handoff/i }).count()).toBe(3);
    expect(await fig.locator('[data-readout="pattern-it-attends-to"]').textContent()).toBe('animal');
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await expect.poll(() => fig.locator('[data-readout="pattern-it-attends-to"]').textContent()).toBe('street');
    await expect.poll(() => fig.locator('[data-readout="cnn-probability"]').textContent(), { timeout: 30_000 }).toMatch(/^0\.\d{3}$|^1\.000$/);
    const first = await fig.locator('[data-readout="cnn-probability"]').textContent();
    await fig.getByRole('button', { name: 'next photo' }).click();
    await fig.getByRole('button', { name: 'next photo' }).click();
    await expect.poll(() => fig.locator('[data-readout="cnn-probability"]').textContent()).not.toBe(first);
    expect(errors).toEqual([]);
    await context.close();
  });
});
