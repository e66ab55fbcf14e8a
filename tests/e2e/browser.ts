import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

/**
 * Headless Chromium; `args` are added to the usual flags (e.g. a fake camera for one test file).
 * A browser given camera flags is the full one: the headless shell answers a camera it was not
 * allowed with "not supported", where a reader's browser says "not allowed".
 */
export function launch(args: string[] = []): Promise<Browser> {
  const camera = args.some((a) => a.includes('media-stream'));
  return chromium.launch({ executablePath: chromiumPath({ shell: !camera }), headless: true, args: [...CHROMIUM_ARGS, ...args] });
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Requests to any origin other than the page's own. */
  foreign: string[];
}

export interface OpenOptions {
  width?: number;
  height?: number;
  reducedMotion?: 'reduce' | 'no-preference';
  colorScheme?: 'light' | 'dark';
  path?: string;
  /** A full address to open instead of `path` on the default server (e.g. a build served under a sub-path). */
  url?: string;
  /** 'block' keeps the site's service worker out, so that page.route sees every request (chunks, workers). */
  serviceWorkers?: 'allow' | 'block';
  /**
   * Ask the prediction questions (issue 18), as a first-time reader meets them: each figure after
   * a question stays covered until it is answered. Off by default, as a reader who has turned them
   * off (the summary's checkbox) sees the page, so that tests of the figures reach their controls.
   */
  predictions?: boolean;
}

/** Open the lecture in a fresh context, recording console errors and requests that leave the origin. */
export async function openLecture(browser: Browser, opts: OpenOptions = {}): Promise<Opened> {
  const url = opts.url ?? inject('baseURL') + (opts.path ?? '/');
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    reducedMotion: opts.reducedMotion ?? 'no-preference',
    colorScheme: opts.colorScheme ?? 'light',
    serviceWorkers: opts.serviceWorkers ?? 'allow'
  });
  if (!opts.predictions) {
    await context.addInitScript(() => {
      try {
        localStorage.setItem('gh-predictions-off', '1');
      } catch {
        // A frame without storage (sandboxed): it shows no questions either way.
      }
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreign.push(u);
  });
  await page.goto(url, { waitUntil: 'load' });
  await started(page);
  return { context, page, errors, foreign };
}

/**
 * Wait until the page's code has started (src/routes/+layout.svelte marks it): on a slow machine a
 * key pressed before that reaches no handler. A page that loads no code of the app's (the handout:
 * its one inline script only sets the theme) has nothing to start. After a reload, call it again.
 */
export async function started(page: Page): Promise<void> {
  if (await page.locator('link[rel="modulepreload"], script[src]').count()) {
    await page.locator('html[data-started]').waitFor({ state: 'attached', timeout: 60_000 });
  }
}

/** Scroll a figure into view and wait until its lazily loaded code has drawn something. */
export async function showFigure(page: Page, id: string, ready = '[data-readout], svg, canvas') {
  const fig = page.locator(`[data-figure="${id}"]`);
  await fig.scrollIntoViewIfNeeded();
  // A generous limit on waiting: a figure's chunk, data and worker may arrive late on a busy machine.
  await fig.locator('.figure-body').locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  return fig;
}

/** Scroll the whole page from top to bottom so every lazy figure loads. */
export async function scrollThrough(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 800) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
}
