/**
 * How a reader starts and stops training in each figure that trains, taken from the figures'
 * browser tests (tests/e2e/section2, 5, 7, 8, 11).
 */
import type { Locator, Page } from 'playwright-core';
import { openScratch } from './scratch';

export interface Trainer {
  /** The figure's id. */
  id: string;
  /** The result's name, when one figure is measured doing two things (12b writing, 12b learning). */
  key?: string;
  /** Selector inside the figure that shows it has drawn and can be used. */
  ready: string;
  reducedMotion?: boolean;
  /** Wait until the figure can train (data loaded, weights in). */
  prepare?: (fig: Locator, page: Page) => Promise<void>;
  start: (fig: Locator, page: Page) => Promise<void>;
  stop: (fig: Locator, page: Page) => Promise<void>;
}

const visible = (l: Locator, timeout = 60_000) => l.first().waitFor({ state: 'visible', timeout });

/** Presses the button of that name if the figure shows it (a run may have ended by itself). */
const pressIfShown = (name: string) => async (fig: Locator) => {
  const button = fig.getByRole('button', { name });
  if (await button.count()) await button.click();
};

async function until(check: () => Promise<boolean>, timeout = 60_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const TRAINERS: Trainer[] = [
  {
    id: '2c',
    ready: '[data-readout="loss"]',
    // As in its test: reduced motion keeps 2b's one-off draw-in out of the measurement.
    reducedMotion: true,
    prepare: (fig) => until(() => fig.getByRole('button', { name: 'Fit from here' }).isEnabled()),
    start: (fig) => fig.getByRole('button', { name: 'Fit from here' }).click(),
    stop: async () => {}
  },
  {
    id: '5d',
    ready: '[data-readout="step"]',
    start: (fig) => fig.getByRole('button', { name: 'Play' }).click(),
    stop: (fig) => fig.getByRole('button', { name: 'Pause' }).click()
  },
  {
    id: '7b',
    ready: '[data-readout="cnn-accuracy"]',
    prepare: async (fig) => {
      await until(async () => /^\d/.test((await fig.locator('[data-readout="cnn-accuracy"]').textContent()) ?? ''));
      await visible(fig.locator('[data-readout="probability"]'));
      await openScratch(fig);
    },
    start: (fig) => fig.getByRole('button', { name: 'Train from scratch' }).click(),
    stop: pressIfShown('Stop')
  },
  {
    id: '8b',
    ready: '[data-readout="it-attends-to"]',
    prepare: async (fig) => {
      await fig.getByText(/Train it again/).click();
      await visible(fig.getByRole('button', { name: 'Play' }));
    },
    start: (fig) => fig.getByRole('button', { name: 'Play' }).click(),
    stop: pressIfShown('Pause')
  },
  {
    id: '12b',
    key: '12b-write',
    ready: '[data-action="code-write"]',
    // The attention level open too: the figure asks for attention again once the writing is done.
    prepare: async (fig) => {
      await until(() => fig.locator('[data-action="code-write"]').isEnabled());
      if (process.env.BENCH_12B_CLOSED !== '1') await fig.locator('details[data-level="attention"] summary').click();
    },
    start: (fig) => fig.locator('[data-action="code-write"]').click(),
    // A writing ends by itself within seconds; looking for a Stop button by its role would make the page
    // recompute every style in the lecture, a long task of the tracer's own.
    stop: async () => {}
  },
  {
    id: '12b',
    key: '12b-learn',
    ready: '[data-action="code-write"]',
    prepare: (fig) => fig.locator('details[data-level="learn"] summary').click(),
    start: (fig) => fig.locator('[data-action="code-learn"]').click(),
    stop: pressIfShown('Pause')
  },
  {
    id: '11',
    ready: '[data-readout="recall"]',
    prepare: (fig) => until(async () => (await fig.locator('[data-readout="recall"]').textContent()) !== '—'),
    start: (fig) => fig.getByRole('button', { name: /Train a fresh indexer/ }).click(),
    stop: pressIfShown('Pause')
  }
];

/** Wait until the main thread has had no task over 50 ms for `quiet` ms (the figure's first draws are done). */
export async function settle(page: Page, quiet = 2000, timeout = 30_000) {
  await page.evaluate(() => {
    const w = window as unknown as { __lastLong: number };
    w.__lastLong = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lastLong = e.startTime + e.duration;
    }).observe({ type: 'longtask' });
  });
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const idle = await page.evaluate(() => performance.now() - (window as unknown as { __lastLong: number }).__lastLong);
    if (idle > quiet) return;
    await page.waitForTimeout(250);
  }
}
