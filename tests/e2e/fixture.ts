// The one fixture every browser test goes through. It launches Chromium once per test file, opens
// pages in fresh contexts, and when the test ends — passed or failed — asserts that no page logged
// a console error or asked another origin for anything, then closes every context it opened.
import { expect, test as base } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openLecture, type Opened, type OpenOptions } from './browser';

export interface LectureFixtures {
  /** Extra Chromium flags for this file (override with `test.override({ launchArgs: [...] })`). */
  launchArgs: string[];
  browser: Browser;
  /** Open the lecture (or `opts.path`) in a fresh context; checked and closed when the test ends. */
  open: (opts?: OpenOptions & { allowErrors?: RegExp[] }) => Promise<Opened>;
}

export const test = base.extend<LectureFixtures>({
  launchArgs: [[], { scope: 'file' }],
  browser: [
    async ({ launchArgs }, use) => {
      const browser = await launch(launchArgs);
      await use(browser);
      await browser.close();
    },
    { scope: 'file' }
  ],
  open: async ({ browser }, use) => {
    const opened: { o: Opened; allow: RegExp[] }[] = [];
    try {
      await use(async (opts = {}) => {
        const o = await openLecture(browser, opts);
        opened.push({ o, allow: opts.allowErrors ?? [] });
        return o;
      });
      for (const { o, allow } of opened) {
        expect(o.errors.filter((e) => !allow.some((r) => r.test(e))), 'console errors').toEqual([]);
        expect(o.foreign, 'requests to other origins').toEqual([]);
      }
    } finally {
      for (const { o } of opened) await o.context.close().catch(() => {});
    }
  }
});

export { expect };

/** The locator of a figure's readout. */
export function readoutOf(page: Page, fig: string, name: string): Locator {
  return page.locator(`[data-figure="${fig}"] [data-readout="${name}"]`).first();
}

/** A readout's text once it matches `pattern` (by default: holds a digit), polled, never read once. */
export async function readText(page: Page, fig: string, name: string, pattern: RegExp = /\d/, timeout = 30_000): Promise<string> {
  const loc = readoutOf(page, fig, name);
  let text = '';
  await expect
    .poll(async () => (text = ((await loc.textContent()) ?? '').trim()), { timeout, message: `readout ${fig}/${name}` })
    .toMatch(pattern);
  return text;
}

/** A readout's value as a number once it reads as one (thousands separators, %, units dropped). */
export async function readNumber(page: Page, fig: string, name: string, timeout = 30_000): Promise<number> {
  const text = await readText(page, fig, name, /-?\d/, timeout);
  return parseNumber(text);
}

/** "1,234.5 %" → 1234.5; "−0.3" (typographic minus) → -0.3. */
export function parseNumber(text: string): number {
  const m = text.replace(/\u2212/g, '-').replace(/,/g, '').match(/-?\d+(\.\d+)?(e-?\d+)?/i);
  return m ? Number(m[0]) : NaN;
}

/** Open a figure's "More controls" fold (its advanced controls), if it has one and it is closed. */
export async function openMore(fig: Locator): Promise<void> {
  const fold = fig.locator('details.more-controls').first();
  if ((await fold.count()) === 0) return;
  if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.locator('summary').first().click();
}
