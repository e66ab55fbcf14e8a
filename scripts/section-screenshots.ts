/**
 * `npm run screenshots`: one picture of every lecture section for the README, taken from the built
 * site (run `npm run build` first) in Debian's Chromium at 1280 × 1000: the section's heading at
 * the top of the window, its figures loaded and drawn. Light theme, except where `--dark` asks.
 * Writes docs/sections/section-NN.jpg.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { freePort, serve } from './serve-build';

const OUT = 'docs/sections';
const SECTIONS = 12;
/** Time for a figure's worker to answer and its first frame to draw once its code has loaded. */
const SETTLE_MS = 2500;

const dark = process.argv.includes('--dark');
mkdirSync(OUT, { recursive: true });
const { url, server } = await serve(await freePort());
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    colorScheme: dark ? 'dark' : 'light',
    // The pictures show each figure's finished first state, not a frame of its entrance.
    reducedMotion: 'reduce'
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', String(e)));
  await page.goto(url + '/', { waitUntil: 'load' });
  for (let n = 1; n <= SECTIONS; n++) {
    const section = page.locator(`[data-section="${n}"]`);
    await section.scrollIntoViewIfNeeded();
    // Figures load when they come within 800 px; wait for every one in this section to draw.
    const figures = section.locator('[data-figure]');
    for (let i = 0; i < (await figures.count()); i++) {
      const body = figures.nth(i).locator('.figure-body');
      await body.scrollIntoViewIfNeeded();
      // Drawn: the lazy figure has put its own elements into the frame's body.
      await body.locator(':scope > :not(noscript)').first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    await page.evaluate((k) => {
      const el = document.querySelector(`[data-section="${k}"]`)!;
      const bar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
      scrollBy({ top: el.getBoundingClientRect().top - bar, behavior: 'instant' });
    }, n);
    await page.waitForTimeout(SETTLE_MS);
    const file = `${OUT}/section-${String(n).padStart(2, '0')}${dark ? '-dark' : ''}.jpg`;
    await page.screenshot({ path: file, type: 'jpeg', quality: 72 });
    console.log(file);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
