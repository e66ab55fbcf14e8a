/**
 * Figure 7b's "train from scratch", run to its end as a reader runs it: press the button, then read
 * the figure's readouts four times a second until the run says it has finished. Records the test
 * accuracy the figure shows against the seconds it shows (its training clock) and against the wall
 * clock since the press, so the reader's wait is measured, not taken from the figure's word.
 */
import type { Locator, Page } from 'playwright-core';

export interface ScratchRun {
  /** Test accuracy at the end (%), as the figure prints it. */
  accuracy: number;
  /** The figure's own clock at the end, and the wall clock from the press to the last score. */
  seconds: number;
  wallSeconds: number;
  steps: number;
  /** Each new score: the figure's seconds, the wall seconds when the page showed it, accuracy %. */
  series: { seconds: number; wallSeconds: number; accuracy: number }[];
}

const number = async (l: Locator) => Number(((await l.textContent()) ?? '').replace(/[,%]/g, ''));

/** Opens figure 7b's training fold, so its button can be pressed. */
export async function openScratch(fig: Locator): Promise<void> {
  await fig.locator('details', { hasText: 'train one yourself' }).first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await fig.getByRole('button', { name: 'Train from scratch' }).waitFor({ state: 'visible', timeout: 60_000 });
}

export async function runScratch(fig: Locator, page: Page, timeoutSeconds = 300): Promise<ScratchRun> {
  const accuracy = fig.locator('[data-readout="scratch-accuracy"]');
  const seconds = fig.locator('[data-readout="scratch-seconds"]');
  const steps = fig.locator('[data-readout="scratch-steps"]');
  const series: ScratchRun['series'] = [];
  await fig.getByRole('button', { name: 'Train from scratch' }).click();
  const t0 = Date.now();
  let last: string | null = null;
  for (;;) {
    const wallSeconds = (Date.now() - t0) / 1000;
    // The accuracy readout carries the seconds of its score: a new score has a new stamp.
    const scoredAt = await accuracy.getAttribute('data-scored-at');
    if (scoredAt && scoredAt !== last) {
      last = scoredAt;
      series.push({ seconds: Number(scoredAt), wallSeconds, accuracy: await number(accuracy) });
    }
    if (await fig.getByText('Training finished.').count()) break;
    if (wallSeconds > timeoutSeconds) throw new Error(`figure 7b's run did not finish in ${timeoutSeconds} s`);
    await page.waitForTimeout(250);
  }
  const wallSeconds = (Date.now() - t0) / 1000;
  return {
    accuracy: await number(accuracy),
    seconds: await number(seconds),
    wallSeconds,
    steps: await number(steps),
    series
  };
}
