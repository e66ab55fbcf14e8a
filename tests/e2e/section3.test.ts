import { describe } from 'vitest';
import { expect, readNumber, readText, test } from './fixture';
import { showFigure } from './browser';

describe('figure 3a: the polynomial ladder', () => {
  test('the degree slider moves the training error monotonically down, and the held-out error up at the top', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '3a');
    const slider = fig.getByRole('slider', { name: /Degree/ });
    await slider.focus();
    await page.keyboard.press('Home');
    const train: number[] = [];
    const held: number[] = [];
    for (let d = 1; d <= 15; d++) {
      await readText(page, '3a', 'degree', new RegExp(`^${d}$`));
      train.push(await readNumber(page, '3a', 'train-error'));
      held.push(await readNumber(page, '3a', 'holdout-error'));
      await page.keyboard.press('ArrowRight');
    }
    for (let d = 1; d < train.length; d++) expect(train[d]).toBeLessThanOrEqual(train[d - 1]);
    expect(train[14]).toBeLessThan(train[0]);
    // More expressivity is not free: at the top of the ladder the held-out weeks are missed badly.
    expect(held[14]).toBeGreaterThan(train[14] * 3);
  });
});

describe('figure 3b: nested parabolas', () => {
  test('counts 2^depth − 1 bends at a = 2, depth 1 to 6', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '3b');
    const depth = fig.getByRole('slider', { name: /Depth/ });
    await depth.focus();
    await page.keyboard.press('Home');
    for (let k = 1; k <= 6; k++) {
      await readText(page, '3b', 'bends', new RegExp(`^${2 ** k - 1}$`));
      await page.keyboard.press('ArrowRight');
    }
    // Lower a to 1: the doubling stops.
    await fig.getByRole('slider', { name: /a in h/ }).fill('1');
    await readText(page, '3b', 'bends', /^1$/);
  });
});
