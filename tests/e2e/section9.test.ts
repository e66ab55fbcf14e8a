import { describe } from 'vitest';
import { expect, pollReadout, test } from './fixture';
import { showFigure } from './browser';

describe('figure 9: the same move three times', () => {
  test('runs all three handoffs live: the photo changes the CNN answer, the adjective moves "it"', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '9', '[data-readout="pattern-it-attends-to"]');
    await expect.poll(() => fig.getByRole('img', { name: /handoff/i }).count()).toBe(3);
    await pollReadout(page, '9', 'pattern-it-attends-to').toBe('animal');
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await pollReadout(page, '9', 'pattern-it-attends-to').toBe('street');
    await pollReadout(page, '9', 'cnn-probability', 60_000).toMatch(/^0\.\d{3}$|^1\.000$/);
    const first = await fig.locator('[data-readout="cnn-probability"]').textContent();
    await fig.getByRole('button', { name: 'next photo' }).click();
    await fig.getByRole('button', { name: 'next photo' }).click();
    await pollReadout(page, '9', 'cnn-probability').not.toBe(first?.trim());
  });
});
