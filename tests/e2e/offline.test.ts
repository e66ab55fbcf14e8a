import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { expect, pollReadout, test } from './fixture';
import { showFigure } from './browser';
import { builtPages } from './built-pages';

const nyc = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));
const cnn = JSON.parse(readFileSync('static/models/cnn-metrics.json', 'utf8'));

describe('offline: the service worker', () => {
  test('without it, an offline browser cannot open the page (so the next test means something)', async ({ browser }) => {
    const context = await browser.newContext();
    await context.setOffline(true);
    const page = await context.newPage();
    await expect(page.goto(inject('baseURL') + '/')).rejects.toThrow();
  });

  test('after one visit to the top of the page, reopens the lecture offline with figures never scrolled to', async ({ open }) => {
    const { page, context, errors } = await open();
    // The worker activates only once its install (the whole precache) has succeeded.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 60_000 });
    const stored = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys[0]);
      return { caches: keys.length, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    expect(stored.caches).toBe(1);
    for (const { path } of builtPages()) expect(stored.urls, path).toContain(path);
    for (const f of ['/models/cnn.safetensors', '/models/nyc-mlp.safetensors', '/models/indexer.safetensors', '/data/cats-dogs-test.bin', '/data/cats-dogs-train.bin']) {
      expect(stored.urls).toContain(f);
    }
    expect(stored.urls.filter((u) => u.includes('/_app/immutable/workers/')).length).toBeGreaterThan(3);

    await context.setOffline(true);
    // Really offline: a same-origin file that was never stored cannot be fetched.
    expect(await page.evaluate(() => fetch('/not-stored.txt').then(() => 'fetched', () => 'failed'))).toBe('failed');
    await expect.poll(() => [...errors]).toEqual(['Failed to load resource: net::ERR_FAILED']); // that fetch, and nothing else
    errors.length = 0;
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
    await page.locator('[data-figure="1a"] [data-readout="cases"]').waitFor();

    // 4a: fetches the shipped NYC network when the trained setting is chosen.
    const knobs = await showFigure(page, '4a', '[data-readout="knobs"]');
    await knobs.getByRole('button', { name: 'Trained' }).click();
    await pollReadout(page, '4a', 'loss').toBe(nyc.trainedLoss.toPrecision(3));
    // 7b: the shipped CNN and the test photos, scored in a worker, all from the cache.
    await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await pollReadout(page, '7b', 'cnn-accuracy', 60_000).toBe(`${(100 * cnn.testAccuracy).toFixed(1)}%`);
    // 11: the shipped indexer.
    await showFigure(page, '11', '[data-readout="recall"]');
    await pollReadout(page, '11', 'recall', 60_000).toMatch(/^\d/);
  });

  test('an offline page with a query string (a shared view) still opens from the stored page', async ({ open }) => {
    const { page, context } = await open();
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 60_000 });
    await context.setOffline(true);
    await page.goto(inject('baseURL') + '/?view=shared#section-1', { waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
  });
});
