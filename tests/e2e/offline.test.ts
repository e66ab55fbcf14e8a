import { describe } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, pollReadout, test } from './fixture';
import { scrollThrough, showFigure, started } from './browser';
import { builtFiles, builtPages } from './built-pages';

const nyc = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));
const cnn = JSON.parse(readFileSync('static/models/cnn-metrics.json', 'utf8'));
const PHOTOS = ['/data/cats-dogs-test.bin', '/data/cats-dogs-train.bin'];

const activated = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 60_000 });

/** The paths the service worker's one cache holds. */
async function stored(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const keys = await caches.keys();
    if (keys.length !== 1) throw new Error(`${keys.length} caches`);
    return (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname);
  });
}

/** Same-origin files the page itself fetched (scripts, styles, workers, data), from its own timeline. */
const fetchedByPage = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && /^\/(_app\/immutable|data|models)\//.test(u.pathname))
      .map((u) => u.pathname)
  );

/** What the page fetched that the service worker has not stored (yet): polled until empty. */
async function notYetStored(page: Page): Promise<string[]> {
  const have = new Set(await stored(page));
  return (await fetchedByPage(page)).filter((p) => !have.has(p));
}

/**
 * What "Save the lecture for offline use" should fetch and weigh, computed here from the build
 * folder: every built chunk and asset but KaTeX's .woff/.ttf fallbacks, every static file and every
 * prerendered page.
 */
function wholeBuild(): { paths: string[]; bytes: number } {
  // The comparison libraries of the benchmark page (TF.js, jax-js) are the only files in the workers'
  // own subfolders: no lecture worker names one of them (checked here), and the save leaves them out.
  const workers = 'build/_app/immutable/workers';
  const peers = builtFiles(workers).filter((f) => dirname(f) !== workers);
  for (const w of builtFiles(workers).filter((f) => dirname(f) === workers && !basename(f).startsWith('bench.worker-'))) {
    const text = readFileSync(w, 'utf8');
    expect(peers.filter((f) => text.includes(basename(f))), `${w} names a benchmark-only file`).toEqual([]);
  }
  const chunks = builtFiles('build/_app/immutable').filter((f) => !/\.(woff|ttf)$/.test(f) && !peers.includes(f));
  const statics = builtFiles('static');
  const files = [
    ...chunks.map((f) => ({ path: '/' + relative('build', f), bytes: statSync(f).size })),
    ...statics.map((f) => ({ path: '/' + relative('static', f), bytes: statSync(f).size })),
    ...builtPages().map((p) => ({ path: p.path, bytes: statSync(p.file).size }))
  ];
  return { paths: files.map((f) => f.path), bytes: files.reduce((s, f) => s + f.bytes, 0) };
}

/** After a reload: every figure's code has loaded and rendered, and none says it could not load. */
async function everyFigureDraws(page: Page) {
  await scrollThrough(page);
  await expect
    .poll(
      () =>
        page.$$eval('[data-figure]', (els) =>
          els
            .filter((e) => e.querySelector('.figure-error') || !e.querySelector('.figure-body > :not(noscript)'))
            .map((e) => (e as HTMLElement).dataset.figure)
        ),
      { timeout: 60_000 }
    )
    .toEqual([]);
}

describe('offline: the service worker', () => {
  test('without it, an offline browser cannot open the page (so the next tests mean something)', async ({ browser }) => {
    const context = await browser.newContext();
    await context.setOffline(true);
    const page = await context.newPage();
    await expect(page.goto(inject('baseURL') + '/')).rejects.toThrow();
  });

  test('the first load stores the shell and what was fetched, not the whole site: no photos until section 7 asks', async ({ open }) => {
    const { page, context } = await open();
    await activated(page);
    // Everything the page fetched before and after the worker took control ends up stored.
    await expect.poll(() => notYetStored(page)).toEqual([]);
    const first = await stored(page);
    expect(first).toContain('/');
    for (const p of PHOTOS) expect(first).not.toContain(p);
    expect(first).not.toContain('/figure/2c');
    // Nobody fetched the photos either: not the page, not the service worker.
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const swFetched = await sw.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    for (const p of PHOTOS) {
      expect(await fetchedByPage(page)).not.toContain(p);
      expect(swFetched).not.toContain(p);
    }
    // Much less than the whole site (which the old worker stored on every first visit).
    const whole = wholeBuild();
    expect(first.length).toBeLessThan(whole.paths.length / 2);

    // Scrolled to, figure 7b fetches the test photos, and they are stored as they arrive.
    await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await pollReadout(page, '7b', 'cnn-accuracy', 60_000).toMatch(/^\d/);
    await expect.poll(() => stored(page)).toContain('/data/cats-dogs-test.bin');
  });

  test('a reader who did not press Save still reloads offline the figures they had seen', async ({ open }) => {
    const { page, context } = await open({ allowErrors: [/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/] });
    // 1a sits below section 1's prediction, so it loads once scrolled to.
    await showFigure(page, '1a', '[data-readout="cases"]');
    await activated(page);
    const knobs = await showFigure(page, '4a', '[data-readout="knobs"]');
    await knobs.getByRole('button', { name: 'Trained' }).click();
    await pollReadout(page, '4a', 'loss').toBe(nyc.trainedLoss.toPrecision(3));
    await showFigure(page, '5d', '[data-readout="step"]');
    await expect.poll(() => notYetStored(page)).toEqual([]);

    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
    // The reload keeps the scroll position (at 5d): 1a loads once scrolled back to.
    await showFigure(page, '1a', '[data-readout="cases"]');
    const again = await showFigure(page, '4a', '[data-readout="knobs"]');
    await again.getByRole('button', { name: 'Trained' }).click();
    await pollReadout(page, '4a', 'loss').toBe(nyc.trainedLoss.toPrecision(3));
    // 5d trains in a worker whose script was stored when the reader first opened it.
    const training = await showFigure(page, '5d', '[data-readout="step"]');
    await training.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number((await training.locator('[data-readout="step"]').textContent())?.replace(/,/g, '')), { timeout: 60_000 }).toBeGreaterThan(5);
    await training.getByRole('button', { name: 'Pause' }).click();
    // A figure never opened was not stored: offline it says so instead of drawing.
    await page.locator('[data-figure="11"]').scrollIntoViewIfNeeded();
    await page.locator('[data-figure="11"] .figure-error').waitFor({ timeout: 30_000 });
  });

  test('Save the lecture for offline use: says its size, shows progress, says when done, and then every figure works offline', async ({ open }) => {
    const { page, context, errors } = await open();
    await activated(page);
    const whole = wholeBuild();
    await page.getByText('Offline', { exact: true }).click();
    const save = page.getByRole('button', { name: /^Save the lecture for offline use/ });
    // The size is the build's, computed here independently of offline-sizes.json.
    await expect.poll(() => save.textContent()).toBe(`Save the lecture for offline use (${(whole.bytes / 1e6).toFixed(1)} MB)`);
    const seen: string[] = [];
    const status = page.locator('[data-readout="offline-status"]');
    const watch = setInterval(() => status.textContent().then((t) => t && seen.push(t), () => {}), 50);
    await save.click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Saved/);
    clearInterval(watch);
    expect(seen.some((t) => new RegExp(`^Saving… \\d+ of ${whole.paths.length} files$`).test(t)), seen.join(' | ')).toBe(true);

    const urls = await stored(page);
    for (const p of whole.paths) expect(urls, p).toContain(p);
    expect(urls.filter((u) => u.includes('/_app/immutable/workers/')).length).toBeGreaterThan(3);

    await context.setOffline(true);
    // Really offline: a same-origin file that was never stored cannot be fetched.
    expect(await page.evaluate(() => fetch('/not-stored.txt').then(() => 'fetched', () => 'failed'))).toBe('failed');
    await expect.poll(() => [...errors]).toEqual(['Failed to load resource: net::ERR_FAILED']); // that fetch, and nothing else
    errors.length = 0;
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
    await everyFigureDraws(page);
    // 4a: the shipped NYC network, 7b: the shipped CNN on the test photos, 11: the shipped indexer, all from the cache.
    const knobs = await showFigure(page, '4a', '[data-readout="knobs"]');
    await knobs.getByRole('button', { name: 'Trained' }).click();
    await pollReadout(page, '4a', 'loss').toBe(nyc.trainedLoss.toPrecision(3));
    await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await pollReadout(page, '7b', 'cnn-accuracy', 60_000).toBe(`${(100 * cnn.testAccuracy).toFixed(1)}%`);
    await showFigure(page, '11', '[data-readout="recall"]');
    await pollReadout(page, '11', 'recall', 60_000).toMatch(/^\d/);
  });

  test('a browser that asks to save data (Save-Data) is told so, and still gets only the light default: nothing fetched ahead', async ({ open }) => {
    const { page, context } = await open();
    // The worker must be in charge before the reload: reloaded while it still installs (a busy
    // machine), the page can come back without one.
    await activated(page);
    // Chromium has no switch for Save-Data here, so the page is told what such a browser reports.
    await context.addInitScript(() => Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true } }));
    await page.reload({ waitUntil: 'load' });
    await started(page);
    await activated(page);
    await page.getByText('Offline', { exact: true }).click();
    await expect.poll(() => page.locator('details.offline .note').textContent()).toMatch(/asks to save data, so only this page and what you open are kept/);
    await expect.poll(() => notYetStored(page)).toEqual([]);
    const kept = await stored(page);
    for (const p of PHOTOS) expect(kept).not.toContain(p);
    expect(kept.length).toBeLessThan(wholeBuild().paths.length / 2);
    // The button still saves everything when pressed: the reader decides.
    // Its size comes from a file fetched when the panel opens: waited for, not read once.
    await expect.poll(() => page.getByRole('button', { name: /^Save the lecture for offline use \(\d+\.\d MB\)$/ }).isVisible()).toBe(true);
  });

  test('an offline page with a query string (a shared view) still opens from the stored page', async ({ open }) => {
    const { page, context } = await open();
    await activated(page);
    // Section 1 opens with a prediction that fetches its data at once: stored before the network goes.
    // Nothing may still be on its way either: a request cut off by going offline fails with a console
    // error on the old page, which is not what this test is about.
    await page.waitForLoadState('networkidle');
    await expect.poll(() => notYetStored(page)).toEqual([]);
    await context.setOffline(true);
    await page.goto(inject('baseURL') + '/?view=shared#section-1', { waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
  });
});
