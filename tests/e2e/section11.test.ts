import { describe } from 'vitest';
import { expect, expectAnswersKey, pollReadout, readNumber, test, expectWorker } from './fixture';
import { showFigure } from './browser';

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

const ready = (page: import('playwright-core').Page) => pollReadout(page, '11', 'recall', 60_000).toMatch(/^\d/);

describe('figure 11: sparse attention with a trained indexer', () => {
  test('moving k changes recall and compute saved; the shipped indexer meets the target at k = L/32', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '11', '[data-readout="recall"]');
    await ready(page);
    const read = (name: string) => readNumber(page, '11', name);
    // Default: 2,048 tokens, k = 64 = L/32.
    expect(await read('recall')).toBeGreaterThanOrEqual(0.98);
    expect(await read('dense-accuracy')).toBeGreaterThanOrEqual(99);
    expect((await read('dense-accuracy')) - (await read('sparse-accuracy'))).toBeLessThanOrEqual(1);
    expect(await read('compute-saved')).toBe(Number((computeSaved(2048, 64) * 100).toFixed(0)));

    const slider = fig.getByRole('slider', { name: /k, the number of earlier tokens kept/ });
    await slider.focus();
    await page.keyboard.press('Home'); // k = 1
    await pollReadout(page, '11', 'compute-saved').toBe((computeSaved(2048, 1) * 100).toFixed(0));
    const recallAtOne = await read('recall');
    expect(recallAtOne).toBeLessThan(1);
    await page.keyboard.press('End'); // k = L: dense again, the indexer is pure overhead
    await expect.poll(() => read('recall')).toBe(1);
    await expect.poll(() => read('compute-saved')).toBe(Number((computeSaved(2048, 2048) * 100).toFixed(0)));
    expect(await read('compute-saved')).toBeLessThan(0);
    expect(await read('sparse-accuracy')).toBe(await read('dense-accuracy'));
  });

  test('trains a fresh indexer in a worker, recall rises, and the page answers keys while it trains', async ({ open }) => {
    const { page } = await open();
    const handoff = await showFigure(page, '6', '.stage');
    const fig = await showFigure(page, '11', '[data-readout="recall"]');
    await ready(page);
    // Shorter sequences keep the test quick; the mechanism is the same.
    await fig.getByRole('combobox', { name: /Sequence length/ }).selectOption('512');
    await ready(page);
    await fig.getByRole('button', { name: /Train a fresh indexer/ }).click();
    // The indexer trains in its own worker script, not on the page.
    await expectWorker(page, 'indexer-train');
    await expect.poll(() => readNumber(page, '11', 'indexer-step'), { timeout: 60_000 }).toBeGreaterThan(5);
    const early = await readNumber(page, '11', 'recall');
    // While it trains, a key on figure 6's day slider is answered at once, and training goes on.
    const stepThen = await readNumber(page, '11', 'indexer-step');
    await expectAnswersKey(handoff.getByRole('slider', { name: /Day/ }));
    await expect.poll(() => readNumber(page, '11', 'indexer-step'), { timeout: 60_000 }).toBeGreaterThan(stepThen);
    await expect.poll(() => readNumber(page, '11', 'recall'), { timeout: 120_000, interval: 500 }).toBeGreaterThan(Math.max(0.9, early));
    await fig.getByRole('button', { name: 'Pause' }).click();
  });
});
