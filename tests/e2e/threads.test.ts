// Issue 21 item 2 in a real browser: the served lecture is cross-origin isolated, so figure 7b's
// training worker computes on more than one thread; where isolation is missing (a host without the
// headers, or the figure iframed by another site) it trains on one. The count is read from the
// readouts' data-threads attribute (the worker's report), never from the page's text. No timing.
import { inject } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { expect, openMore, test } from './fixture';
import { showFigure } from './browser';

/**
 * Starts 7b's "Train from scratch" in `where`; `threads` reads the worker's last reported thread
 * count once training is under way (a tenth of an epoch: many reports), `stop` ends the run.
 */
async function startScratch(where: Page | Frame) {
  const fig = where.locator('[data-figure="7b"]');
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('[data-readout="cnn-accuracy"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await openMore(fig);
  await fig.getByRole('button', { name: 'Train from scratch' }).click();
  const epoch = fig.locator('[data-readout="scratch-epoch"]');
  await expect.poll(async () => Number(await epoch.textContent()), { timeout: 120_000, interval: 250 }).toBeGreaterThanOrEqual(0.1);
  // The loss is a number: the run really trains, whatever its thread count.
  expect(Number(await fig.locator('[data-readout="scratch-loss"]').textContent())).toSatisfy(Number.isFinite);
  return {
    threads: async () => Number(await fig.locator('.readouts[data-threads]').getAttribute('data-threads')),
    stop: () => fig.getByRole('button', { name: 'Stop' }).click()
  };
}

test('the served lecture is cross-origin isolated and 7b trains on more than one thread', async ({ open }) => {
  const { page } = await open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
  const run = await startScratch(page);
  // The pool starts beside the training and takes over between two steps once its helpers are up.
  await expect.poll(run.threads, { timeout: 60_000 }).toBeGreaterThan(1);
  await run.stop();
});

test('a host without the isolation headers: no SharedArrayBuffer, 7b trains on one thread', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('gh-predictions-off', '1'));
  await page.goto(inject('baseURL') + '/', { waitUntil: 'load' });
  expect(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([false, 'undefined']);
  const run = await startScratch(page);
  expect(await run.threads()).toBe(1);
  await run.stop();
  // Requests still in flight (the worker's) must not reach a route of a closed context.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});

test('a figure iframed by another site is not isolated and trains on one thread', async ({ browser }) => {
  const base = inject('baseURL');
  // Another origin (localhost, not 127.0.0.1) whose page embeds the figure, as a teacher's site would.
  const host = base.replace('127.0.0.1', 'localhost') + '/embedding-site.html';
  const context = await browser.newContext();
  await context.route(host, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>A course page</title><iframe src="${base}/figure/7b" width="900" height="1400"></iframe>` }));
  // The site's own responses pass through unchanged, headers included: only so that Chromium does
  // not refuse a page it got from the test (no address: "public") framing a loopback address.
  await context.route(`${base}/**`, async (route) => route.fulfill({ response: await route.fetch() }));
  const page = await context.newPage();
  await page.goto(host, { waitUntil: 'load' });
  const embedded = () => page.frames().find((f) => f.url().startsWith(`${base}/figure/7b`));
  await expect.poll(() => page.frames().map((f) => f.url()).join(' ')).toContain(`${base}/figure/7b`);
  const frame = embedded()!;
  await frame.waitForLoadState('load');
  expect(await frame.evaluate(() => crossOriginIsolated)).toBe(false);
  const run = await startScratch(frame);
  expect(await run.threads()).toBe(1);
  await run.stop();
  // Requests still in flight (the worker's) must not reach a route of a closed context.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});
