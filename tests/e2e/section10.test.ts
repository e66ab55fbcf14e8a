import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launch, openLecture, showFigure } from './browser';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) time of the event, in microseconds. */
  tdur?: number;
  args?: { name?: string };
}

interface LabelledPoint {
  x1: number;
  x2: number;
  label: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const readout = async (fig: Locator, name: string) => (await fig.locator(`[data-readout="${name}"]`).first().textContent())!.trim();
const number = (text: string) => Number(text.replace(/,/g, ''));

/** The points as the figure's data table lists them, in the order the learners see them. */
async function pointsOf(fig: Locator): Promise<LabelledPoint[]> {
  const rows = await fig.locator('.figure-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? ''))
  );
  return rows.map((r) => ({ x1: Number(r[1]), x2: Number(r[2]), label: Number(r[3]) }));
}

/** The rule written out once more, independently of the page's code: mistakes until a clean pass. */
function referenceMistakes(points: LabelledPoint[]): { mistakes: number; epochs: number } {
  let w = [0, 0, 0];
  let mistakes = 0,
    clean = 0,
    seen = 0;
  while (clean < points.length) {
    const p = points[seen % points.length];
    const yHat = w[0] * p.x1 + w[1] * p.x2 + w[2] > 0 ? 1 : 0;
    if (yHat !== p.label) {
      const d = p.label - yHat;
      w = [w[0] + d * p.x1, w[1] + d * p.x2, w[2] + d];
      mistakes++;
      clean = 0;
    } else clean++;
    seen++;
  }
  return { mistakes, epochs: Math.floor(seen / points.length) };
}

describe('figure 10: the perceptron', () => {
  it('steps through the wide-margin preset to "converged", within Novikoff\'s bound', async () => {
    const { page, context, errors } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    expect(await readout(fig, 'status')).toBe('still learning');
    expect(await readout(fig, 'mistakes')).toBe('0');
    // w = 0 answers 0, so the first class-1 example is a mistake and the update is +η·x̃.
    const points = await pointsOf(fig);
    expect(points.length).toBe(20);
    const first = points.findIndex((p) => p.label === 1);
    for (let i = 0; i <= first; i++) await fig.getByRole('button', { name: 'Step', exact: true }).click();
    expect(await readout(fig, 'mistakes')).toBe('1');
    const p = points[first];
    expect(await readout(fig, 'update')).toContain(`= (${p.x1.toFixed(2)}, ${p.x2.toFixed(2)}, 1.00)`.replace(/-/g, '−'));
    // Then whole epochs until it settles.
    const epoch = fig.getByRole('button', { name: 'One epoch' });
    for (let k = 0; k < 40 && (await readout(fig, 'status')) !== 'converged'; k++) await epoch.click();
    expect(await readout(fig, 'status')).toBe('converged');
    const mistakes = number(await readout(fig, 'mistakes'));
    const bound = number(await readout(fig, 'novikoff-bound'));
    expect(bound).toBeGreaterThan(1);
    expect(mistakes).toBeLessThanOrEqual(bound);
    expect(mistakes).toBe(referenceMistakes(points).mistakes);
    expect(await readout(fig, 'perceptron-accuracy')).toBe('100%');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds, selects, moves and deletes points from the keyboard', async () => {
    const { page, context, errors } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    const editor = fig.getByRole('application', { name: /Points of the perceptron figure/ });
    const marks = editor.locator('g.point');
    const before = await marks.count();
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    expect(await readout(fig, 'epochs')).toBe('0');
    await editor.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => marks.count()).toBe(before + 1);
    expect(await fig.getByRole('status').textContent()).toContain('class 1 point at (0.53, 0.50)');
    // A change of points starts both learners again.
    expect(await readout(fig, 'mistakes')).toBe('0');
    expect(await fig.locator('.equation').textContent()).toContain('start from w = (0, 0, 0)');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => marks.count()).toBe(before + 2);
    expect(await fig.getByRole('status').textContent()).toContain('class 0 point at (0.53, 0.50)');
    // P selects the last point (the one just added); the arrows then move it; Delete removes it.
    await page.keyboard.press('p');
    expect(await fig.getByRole('status').textContent()).toContain(`point ${before + 2} of ${before + 2}`);
    await page.keyboard.press('ArrowUp');
    expect(await fig.getByRole('status').textContent()).toContain('Moved to (0.53, 0.51)');
    await page.keyboard.press('Delete');
    await expect.poll(() => marks.count()).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('never settles on XOR and says why', async () => {
    const { page, context } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await fig.getByRole('button', { name: 'XOR' }).click();
    const epoch = fig.getByRole('button', { name: 'One epoch' });
    for (let k = 0; k < 5; k++) await epoch.click();
    expect(await readout(fig, 'status')).toBe('cannot separate after 5 epochs');
    expect(await readout(fig, 'novikoff-bound')).toBe('—');
    expect(number(await readout(fig, 'mistakes'))).toBeGreaterThanOrEqual(5);
    const note = fig.getByRole('note');
    expect(await note.textContent()).toContain('Minsky and Papert (1969)');
    expect(await note.textContent()).toContain('come back every epoch, forever');
    await context.close();
  });

  it('plays the thin-margin preset to convergence, stops by itself, and keeps every main-thread task short', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await fig.getByRole('button', { name: 'Thin margin' }).click();
    await fig.getByRole('combobox', { name: 'Speed' }).selectOption('500');
    // The main thread's CPU time per task, from Chromium's trace: unlike wall time (what a
    // PerformanceObserver reports), it does not grow when other processes share the machine.
    const tracePath = `${tmpdir()}/section10-trace-${process.pid}.json`;
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readout(fig, 'status'), { timeout: 20_000 }).toBe('converged');
    await fig.getByRole('button', { name: 'Play' }).waitFor(); // paused itself: the button reads Play again
    await browser.stopTracing();
    const mistakes = number(await readout(fig, 'mistakes'));
    expect(mistakes).toBe(referenceMistakes(await pointsOf(fig)).mistakes);
    expect(mistakes).toBeLessThanOrEqual(number(await readout(fig, 'novikoff-bound')));
    expect(number(await readout(fig, 'logistic-steps'))).toBeGreaterThan(0);
    const events = JSON.parse(readFileSync(tracePath, 'utf8')).traceEvents as TraceEvent[];
    rmSync(tracePath);
    const mainThreads = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.some((m) => m.pid === e.pid && m.tid === e.tid));
    expect(tasks.length).toBeGreaterThan(20);
    expect(tasks.every((t) => typeof t.tdur === 'number')).toBe(true);
    const longestCpuMs = Math.max(...tasks.map((t) => (t.tdur ?? 0) / 1000));
    expect(longestCpuMs).toBeLessThanOrEqual(50);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drags a point with the mouse and starts again', async () => {
    const { page, context } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await fig.getByRole('button', { name: 'One epoch' }).click();
    expect(await readout(fig, 'epochs')).toBe('1');
    const mark = fig.getByRole('application').locator('g.point').first();
    const box = (await mark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.up();
    expect(await fig.getByRole('status').textContent()).toContain('Moved to');
    expect(await readout(fig, 'epochs')).toBe('0');
    await context.close();
  });
});
