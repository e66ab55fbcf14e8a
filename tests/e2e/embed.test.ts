// Every figure's standalone page (/figure/<id>), the page a teacher puts in slides with an iframe.
import { describe, inject } from 'vitest';
import { expect, test, seriousAxeFindings } from './fixture';
import { FIGURES } from '../../src/lib/figures/registry';

/** What counts as drawn: a canvas, a chart or a live number inside the figure's body. */
const DRAWN = '.figure-body :is(canvas, svg, [data-readout])';
/** Figures drawn in HTML alone, and what the lecture's own tests wait for in them. */
const READY: Record<string, string> = {
  '6': '.figure-body .stage',
  '12': '.figure-body a[data-figure-link]',
  '12b': '.figure-body [data-readout="code-parameters"]'
};

describe('standalone figure pages', () => {
  test('lists every figure of the lecture once', () => {
    const ids = FIGURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(23);
  });

  for (const { id, title } of FIGURES) {
    test(`figure ${id} draws alone, with no console error, no request off the origin and no serious axe finding`, async ({ open }) => {
      const { page } = await open({ width: 800, height: 600, path: `/figure/${id}` });
      await page.locator(READY[id] ?? DRAWN).first().waitFor({ state: 'visible', timeout: 60_000 });
      // Only this figure, and no lecture around it.
      expect(await page.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')))).toEqual([id]);
      expect(await page.locator('[data-section], .topbar').count()).toBe(0);
      expect(await page.locator('.figure-error').count()).toBe(0);
      expect(await page.locator('.figure-body').innerText()).not.toMatch(/\bNaN\b|undefined/);
      expect(await page.title()).toBe(`Figure ${id}: ${title} · Gradient Handoff`);
      expect(await page.getByRole('link', { name: 'from the lecture Gradient Handoff' }).getAttribute('href')).toBe(`/#figure-${id}`);
      expect(await seriousAxeFindings(page)).toEqual([]);
      // Errors that arrive after the first drawing (a failed fetch, a worker) count too: the fixture
      // looks once the test is over.
    });
  }
});

describe('a standalone page in use', () => {
  test('keeps its query string and takes ?theme= over the system setting', async ({ open }) => {
    const { page } = await open({ colorScheme: 'light', path: '/figure/2b?theme=dark&beta=0.7' });
    await page.locator(DRAWN).first().waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.evaluate(() => location.search)).toBe('?theme=dark&beta=0.7');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 22, 26)'); // --bg of the dark theme
  });

  test('paints in the asked theme before any of the app’s code runs (no flash of the other theme)', async ({ browser }) => {
    // A context of its own, without the fixture's console check: the refused scripts log errors.
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    // With the app's JavaScript refused, only the inline script of app.html can set the theme.
    await page.route('**/_app/**/*.js', (route) => route.abort());
    await page.goto(`${inject('baseURL')}/figure/5a?theme=dark`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The lecture itself ignores ?theme= (a reader's own choice or the system setting rules there).
    await page.goto(`${inject('baseURL')}/?theme=dark`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? '')).toBe('');
  });

  test('draws inside an iframe of another page without being scrolled to', async ({ open }) => {
    const { page } = await open({ width: 1000, height: 700, path: '/figure/1a' });
    // A slide: the figure's frame far below the fold, where a lazy loader would never start.
    const src = `${inject('baseURL')}/figure/3b`;
    await page.setContent(`<div style="height:3000px"></div><iframe title="figure" src="${src}" width="800" height="600"></iframe>`);
    const frame = page.frameLocator('iframe');
    await frame.locator(DRAWN).first().waitFor({ state: 'attached', timeout: 60_000 });
    // Links leave the slide for a new tab rather than replacing the figure inside it.
    expect(await frame.getByRole('link', { name: 'from the lecture Gradient Handoff' }).getAttribute('target')).toBe('_blank');
  });

  test('gives figure 2a a day control of its own when figure 2b is not beside it', async ({ open }) => {
    const { page } = await open({ path: '/figure/2a' });
    const slider = page.getByRole('slider', { name: 'Day' });
    await slider.waitFor({ timeout: 60_000 });
    await slider.fill('11');
    await expect.poll(() => page.locator('[data-readout="flow-day"]').textContent()).toBe('11');
  });

  test('sends a link to another figure to that figure in the lecture', async ({ open }) => {
    const { page } = await open({ path: '/figure/12' });
    const link = page.locator('.figure-body a[data-figure-link="5d"]').first();
    await link.waitFor({ state: 'visible', timeout: 60_000 });
    await Promise.all([page.waitForURL(/\/#figure-5d$/), link.click()]);
    await page.locator('[data-figure="5d"]').waitFor();
  });
});
