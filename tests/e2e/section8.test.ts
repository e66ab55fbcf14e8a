import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const text = (fig: import('playwright-core').Locator, name: string) => fig.locator(`[data-readout="${name}"]`).textContent();

describe('figure 8a: the rigid rule', () => {
  it('keeps it·animal and it·street fixed when tired becomes wide, and moves it·adjective', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '8a', '[data-readout="it-animal-dot"]');
    const before = [await text(fig, 'it-animal-dot'), await text(fig, 'it-street-dot'), await text(fig, 'it-adjective-dot')];
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await expect.poll(() => fig.getByRole('combobox', { name: 'last word' }).inputValue()).toBe('wide');
    expect(await text(fig, 'it-animal-dot')).toBe(before[0]);
    expect(await text(fig, 'it-street-dot')).toBe(before[1]);
    expect(await text(fig, 'it-adjective-dot')).not.toBe(before[2]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 8b: learned attention', () => {
  it('switching tired ↔ wide moves "it" from animal to street', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    expect(await text(fig, 'it-attends-to')).toBe('animal');
    expect(Number(await text(fig, 'it-weight'))).toBeGreaterThan(0.5);
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await expect.poll(() => text(fig, 'it-attends-to')).toBe('street');
    expect(Number(await text(fig, 'it-weight'))).toBeGreaterThan(0.5);
    expect(await text(fig, 'answer')).toBe('street');
    await fig.getByRole('button', { name: /switch to “tired”/ }).click();
    await expect.poll(() => text(fig, 'it-attends-to')).toBe('animal');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the step-through reads real numbers by keyboard: the softmax row of "it" sums to 1', async () => {
    const { page, context } = await openLecture(browser);
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await fig.getByText(/Step through layer 2/).click();
    await fig.getByRole('button', { name: 'show all' }).click();
    const grid = fig.getByRole('group', { name: /^softmax, 10 by 10/ });
    await grid.focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown'); // row 8: "it"
    let sum = 0;
    for (let c = 0; c < 10; c++) {
      if (c > 0) await page.keyboard.press('ArrowRight');
      sum += Number(await fig.locator('[data-readout="cell-softmax"]').textContent());
    }
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
    await context.close();
  });

  it('replays training in a worker without main-thread long tasks over 50 ms', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await fig.getByText(/Train it again/).click();
    // Let the opened panel lay out first: the test measures training, not the panel's first paint.
    await fig.getByRole('button', { name: 'Play' }).waitFor();
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => text(fig, 'train-step').then(Number), { timeout: 60_000 }).toBeGreaterThan(150);
    const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.filter((d) => d > 50));
    expect(long).toEqual([]);
    expect(Number(await text(fig, 'train-loss'))).toBeLessThan(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
