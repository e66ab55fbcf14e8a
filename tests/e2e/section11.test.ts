import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

/**
 * Compute saved by walking every token and every earlier token it reads, with figure 11's shapes:
 * D = 32, one head of width 32 for queries, keys and values; indexer 4 heads × 8 plus one key of 8.
 */
function computeSaved(L: number, k: number): number {
  const D = 32, dk = 32, dv = 32, H = 4, dI = 8;
  let dense = 0, sparse = 0;
  for (let t = 1; t <= L; t++) {
    dense += D * (2 * dk + dv) + t * (dk + dv);
    sparse += D * (2 * dk + dv + H * dI + H + dI) + t * (H * dI + H) + Math.min(t, k) * (dk + dv);
  }
  return 1 - sparse / dense;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const ready = (fig: import('playwright-core').Locator) =>
  expect.poll(() => fig.locator('[data-readout="recall"]').textContent(), { timeout: 30_000 }).not.toBe('—');

describe('figure 11: sparse attention with a trained indexer', () => {
  it('moving k changes recall and compute saved; the shipped indexer meets the target at k = L/32', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '11', '[data-readout="recall"]');
    await ready(fig);
    const read = async (name: string) => Number(await fig.locator(`[data-readout="${name}"]`).textContent());
    // Default: 2,048 tokens, k = 64 = L/32.
    expect(await read('recall')).toBeGreaterThanOrEqual(0.98);
    expect(await read('dense-accuracy')).toBeGreaterThanOrEqual(99);
    expect((await read('dense-accuracy')) - (await read('sparse-accuracy'))).toBeLessThanOrEqual(1);
    expect(await read('compute-saved')).toBe(Number((computeSaved(2048, 64) * 100).toFixed(0)));

    const slider = fig.getByRole('slider', { name: /k, the number of earlier tokens kept/ });
    await slider.focus();
    await page.keyboard.press('Home'); // k = 1
    await expect.poll(() => fig.locator('[data-readout="compute-saved"]').textContent()).toBe((computeSaved(2048, 1) * 100).toFixed(0));
    const recallAtOne = await read('recall');
    expect(recallAtOne).toBeLessThan(1);
    await page.keyboard.press('End'); // k = L: dense again, the indexer is pure overhead
    await expect.poll(() => read('recall')).toBe(1);
    expect(await read('compute-saved')).toBe(Number((computeSaved(2048, 2048) * 100).toFixed(0)));
    expect(await read('compute-saved')).toBeLessThan(0);
    expect(await read('sparse-accuracy')).toBe(await read('dense-accuracy'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('trains a fresh indexer in a worker, recall rises, and the main thread has no long task over 50 ms', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '11', '[data-readout="recall"]');
    await ready(fig);
    // Shorter sequences keep the test quick; the mechanism is the same.
    await fig.getByRole('combobox', { name: /Sequence length/ }).selectOption('512');
    await ready(fig);
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await fig.getByRole('button', { name: /Train a fresh indexer/ }).click();
    await expect.poll(async () => Number(await fig.locator('[data-readout="indexer-step"]').textContent()), { timeout: 20_000 }).toBeGreaterThan(5);
    const early = Number(await fig.locator('[data-readout="recall"]').textContent());
    await expect
      .poll(async () => Number(await fig.locator('[data-readout="recall"]').textContent()), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(Math.max(0.9, early));
    await fig.getByRole('button', { name: 'Pause' }).click();
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    expect(long.filter((d) => d > 50)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
