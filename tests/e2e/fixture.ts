// The one fixture every browser test goes through. It launches Chromium once per test file, opens
// pages in fresh contexts, and when the test ends — passed or failed — asserts that no page logged
// a console error or asked another origin for anything, then closes every context it opened (and
// any a test made on the browser by hand).
import { expect, test as base } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch as launchChromium, openLecture, showFigure, type Opened, type OpenOptions } from './browser';

export interface LectureOpenOptions extends OpenOptions {
  /** Console errors this test provokes on purpose: each one must match one of these. */
  allowErrors?: RegExp[];
  /** Open in this browser (from the `launch` fixture) instead of the file's own. */
  browser?: Browser;
}

export interface LectureFixtures {
  /** Extra Chromium flags for this file (override with `test.override({ launchArgs: [...] })`). */
  launchArgs: string[];
  /** The file's Chromium, launched once; tests reach it as `browser`. */
  fileBrowser: Browser;
  /** The file's Chromium; contexts a test makes on it by hand are closed when the test ends. */
  browser: Browser;
  /** Another Chromium with other flags, for one test; closed when the test ends. */
  launch: (args: string[]) => Promise<Browser>;
  /** Open the lecture (or `opts.path`) in a fresh context; checked and closed when the test ends. */
  open: (opts?: LectureOpenOptions) => Promise<Opened>;
}

/** What the fixture refuses when a test ends: console errors not allowed by a pattern, and foreign requests. */
export function problemsOf(opened: Pick<Opened, 'errors' | 'foreign'>, allowErrors: RegExp[] = []): { errors: string[]; foreign: string[] } {
  return { errors: opened.errors.filter((e) => !allowErrors.some((r) => r.test(e))), foreign: [...opened.foreign] };
}

/** Throws (an assertion error naming them) if the page logged an unallowed console error or asked another origin for anything. */
export function checkOpened(opened: Pick<Opened, 'errors' | 'foreign'>, allowErrors: RegExp[] = []): void {
  const { errors, foreign } = problemsOf(opened, allowErrors);
  expect(errors, 'console errors').toEqual([]);
  expect(foreign, 'requests to other origins').toEqual([]);
}

export const test = base.extend<LectureFixtures>({
  launchArgs: [[], { scope: 'file' }],
  fileBrowser: [
    async ({ launchArgs }, use) => {
      const browser = await launchChromium(launchArgs);
      await use(browser);
      await browser.close();
    },
    { scope: 'file' }
  ],
  browser: async ({ fileBrowser }, use) => {
    try {
      await use(fileBrowser);
    } finally {
      // Tests in a file run one after another, so whatever is still open belongs to this test.
      for (const context of fileBrowser.contexts()) await context.close().catch(() => {});
    }
  },
  launch: async ({}, use) => {
    const launched: Browser[] = [];
    try {
      await use(async (args) => {
        const b = await launchChromium(args);
        launched.push(b);
        return b;
      });
    } finally {
      for (const b of launched) await b.close().catch(() => {});
    }
  },
  open: async ({ browser }, use) => {
    const opened: { o: Opened; allow: RegExp[] }[] = [];
    try {
      await use(async (opts = {}) => {
        const o = await openLecture(opts.browser ?? browser, opts);
        opened.push({ o, allow: opts.allowErrors ?? [] });
        return o;
      });
      for (const { o, allow } of opened) checkOpened(o, allow);
    } finally {
      for (const { o } of opened) await o.context.close().catch(() => {});
    }
  }
});

export { expect };

/**
 * axe's serious and critical findings on the page, or only inside the `within` selectors, one line
 * each (rule, help, the first few elements); `rules` limits the scan to those rules. Only
 * violations are collected, not the rules that passed.
 */
export async function seriousAxeFindings(page: Page, within: string[] = [], rules?: string[]): Promise<string[]> {
  // Legacy mode: axe gathers its results in this page instead of opening a blank one for it, which
  // costs seconds per scan; it cannot look inside cross-origin frames, and the site has none.
  let axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  for (const selector of within) axe = axe.include(selector);
  if (rules) axe = axe.withRules(rules);
  const { violations } = await axe.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Each node with axe's own words for it (for contrast: the colours and the ratio it measured), so a
    // failure seen once on a loaded machine can be read without reproducing it.
    .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? ''}`).join('; ')})`);
}

/** The locator of a figure's readout. */
export function readoutOf(page: Page, fig: string, name: string): Locator {
  return page.locator(`[data-figure="${fig}"] [data-readout="${name}"]`).first();
}

/** A readout's text once it matches `pattern` (by default: holds a digit), polled, never read once. */
export async function readText(page: Page, fig: string, name: string, pattern: RegExp = /\d/, timeout = 60_000): Promise<string> {
  const loc = readoutOf(page, fig, name);
  let text = '';
  await expect
    .poll(async () => (text = ((await loc.textContent()) ?? '').trim()), { timeout, message: `readout ${fig}/${name}` })
    .toMatch(pattern);
  return text;
}

/** A readout's value as a number once it reads as one (thousands separators, %, units dropped). */
export async function readNumber(page: Page, fig: string, name: string, timeout = 60_000): Promise<number> {
  const text = await readText(page, fig, name, /-?\d/, timeout);
  return parseNumber(text);
}

/**
 * A readout's trimmed text, polled until the matcher that follows holds:
 * `await pollReadout(page, '2b', 'r0').toBe('1.90')`, `.not.toBe(before)`, `.toMatch(/^\d/)`.
 */
export function pollReadout(page: Page, fig: string, name: string, timeout = 60_000) {
  const loc = readoutOf(page, fig, name);
  return expect.poll(async () => ((await loc.textContent()) ?? '').trim(), { timeout, message: `readout ${fig}/${name}` });
}

/** "1,234.5 %" → 1234.5; "−0.3" (typographic minus) → -0.3; "2.1e+3" → 2100. */
export function parseNumber(text: string): number {
  const m = text.replace(/\u2212/g, '-').replace(/,/g, '').match(/-?\d+(\.\d+)?(e[-+]?\d+)?/i);
  return m ? Number(m[0]) : NaN;
}

/** The scripts of the page's running dedicated workers, as paths (`/_app/immutable/workers/<name>.worker-<hash>.js`). */
export function workerScripts(page: Page): string[] {
  return page.workers().map((w) => new URL(w.url()).pathname);
}

/** Waits (polled) until the page runs a dedicated worker made from `workers/<name>.worker-<hash>.js`. */
export async function expectWorker(page: Page, name: string): Promise<void> {
  const script = new RegExp(`/workers/${name}\\.worker-[^/]+\\.js$`);
  await expect.poll(() => workerScripts(page).some((p) => script.test(p)), { message: `a ${name} worker runs` }).toBe(true);
}

/**
 * The page's main thread answers a key: `key` on `slider` changes the value the page's own code
 * writes for it (aria-valuetext, else the input's value). Used while a worker trains, to show that
 * the training leaves the page free.
 */
export async function expectAnswersKey(slider: Locator, key = 'ArrowRight'): Promise<void> {
  const shown = async () => (await slider.getAttribute('aria-valuetext')) ?? (await slider.inputValue());
  const before = await shown();
  await slider.focus();
  await slider.page().keyboard.press(key);
  await expect.poll(shown, { timeout: 60_000, message: 'the page answered the key' }).not.toBe(before);
}

/** Open every fold of a figure (its "More controls" and the folds that hold its deeper parts), so a test can use what they hide. */
export async function openMore(fig: Locator): Promise<void> {
  // Every fold of the figure but its data table: "More controls" and the folds that explain and
  // hold a figure's deeper parts (7b's feature maps and training run, 5a's answer …). Outer folds
  // first, so that a fold inside another is reached once its parent is open.
  const folds = fig.locator('details:not(.figure-table)');
  for (let i = 0; i < (await folds.count()); i++) {
    const fold = folds.nth(i);
    if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  }
}

/** Scroll a figure into view, wait for it to draw, and open its folds: for tests of controls that wait behind "More controls". */
export async function showFigureOpen(page: Page, id: string, ready?: string): Promise<Locator> {
  const fig = await showFigure(page, id, ready);
  await openMore(fig);
  return fig;
}

/** Open the own-data panel under figure 1a and return its file input, once it exists. */
export async function openOwnDataPanel(page: Page): Promise<Locator> {
  const control = page.locator('[data-own-data]');
  await control.scrollIntoViewIfNeeded();
  await control.locator('summary').click();
  const input = control.locator('input[data-input="own-file"]');
  await input.waitFor({ state: 'attached', timeout: 20_000 });
  return input;
}
