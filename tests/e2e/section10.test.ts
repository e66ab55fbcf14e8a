import { describe } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expect, expectAnswersKey, pollReadout, readText, test, openMore } from './fixture';
import { showFigure } from './browser';

interface LabelledPoint {
  x1: number;
  x2: number;
  label: number;
}

/** Figure 10's readout `name` once it holds something (a word, a number or the dash), polled. */
const readout = (page: Page, name: string) => readText(page, '10', name, /\S/);
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
  test('steps through the wide-margin preset to "converged", within Novikoff\'s bound', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await pollReadout(page, '10', 'status').toBe('still learning');
    await pollReadout(page, '10', 'mistakes').toBe('0');
    // w = 0 answers 0, so the first class-1 example is a mistake and the update is +η·x̃.
    const points = await pointsOf(fig);
    expect(points.length).toBe(20);
    const first = points.findIndex((p) => p.label === 1);
    for (let i = 0; i <= first; i++) await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await pollReadout(page, '10', 'mistakes').toBe('1');
    const p = points[first];
    await pollReadout(page, '10', 'update').toContain(`= (${p.x1.toFixed(2)}, ${p.x2.toFixed(2)}, 1.00)`.replace(/-/g, '−'));
    // Then whole epochs until it settles.
    await openMore(fig);
    const epoch = fig.getByRole('button', { name: 'One epoch' });
    for (let k = 0; k < 40 && (await readout(page, 'status')) !== 'converged'; k++) await epoch.click();
    await pollReadout(page, '10', 'status').toBe('converged');
    const mistakes = number(await readout(page, 'mistakes'));
    const bound = number(await readout(page, 'novikoff-bound'));
    expect(bound).toBeGreaterThan(1);
    expect(mistakes).toBeLessThanOrEqual(bound);
    expect(mistakes).toBe(referenceMistakes(points).mistakes);
    await pollReadout(page, '10', 'perceptron-accuracy').toBe('100%');
  });

  test('adds, selects, moves and deletes points from the keyboard', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    const editor = fig.getByRole('application', { name: /Points of the perceptron figure/ });
    const marks = editor.locator('g.point');
    const before = await marks.count();
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await pollReadout(page, '10', 'epochs').toBe('0');
    await editor.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => marks.count()).toBe(before + 1);
    expect(await fig.getByRole('status').textContent()).toContain('class 1 point at (0.53, 0.50)');
    // A change of points starts both learners again.
    await pollReadout(page, '10', 'mistakes').toBe('0');
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
  });

  test('never settles on XOR and says why', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await fig.getByRole('button', { name: 'XOR' }).click();
    await openMore(fig);
    const epoch = fig.getByRole('button', { name: 'One epoch' });
    for (let k = 0; k < 5; k++) await epoch.click();
    await pollReadout(page, '10', 'status').toBe('cannot separate after 5 epochs');
    await pollReadout(page, '10', 'novikoff-bound').toBe('—');
    expect(number(await readout(page, 'mistakes'))).toBeGreaterThanOrEqual(5);
    const note = fig.getByRole('note');
    expect(await note.textContent()).toContain('Minsky and Papert (1969)');
    expect(await note.textContent()).toContain('come back every epoch, forever');
  });

  test('plays the thin-margin preset to convergence, stops by itself, and leaves the page answering keys while it plays', async ({ open }) => {
    const { page } = await open();
    const handoff = await showFigure(page, '6', '.stage');
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await fig.getByRole('button', { name: 'Thin margin' }).click();
    await fig.getByRole('combobox', { name: 'Speed' }).selectOption('500');
    // Every status the readout shows, recorded in the page: how far play got before a test step
    // looks depends on the machine's load, what it passes through does not.
    await page.evaluate(() => {
      const el = document.querySelector('[data-figure="10"] [data-readout="status"]')!;
      const w = window as unknown as { __statuses: string[] };
      w.__statuses = [el.textContent ?? ''];
      new MutationObserver(() => w.__statuses.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await fig.getByRole('button', { name: 'Play' }).click();
    // The perceptron plays on the page itself, a few milliseconds of steps a frame: while it plays,
    // a key on another figure's control is answered.
    await expectAnswersKey(handoff.getByRole('slider', { name: /Day/ }));
    await expect.poll(() => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses)).toContain('still learning');
    await pollReadout(page, '10', 'status', 120_000).toBe('converged');
    await fig.getByRole('button', { name: 'Play' }).waitFor(); // paused itself: the button reads Play again
    const mistakes = number(await readout(page, 'mistakes'));
    expect(mistakes).toBe(referenceMistakes(await pointsOf(fig)).mistakes);
    expect(mistakes).toBeLessThanOrEqual(number(await readout(page, 'novikoff-bound')));
    expect(number(await readout(page, 'logistic-steps'))).toBeGreaterThan(0);
  });

  test('drags a point with the mouse and starts again', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '10', '[data-readout="status"]');
    await openMore(fig);
    await fig.getByRole('button', { name: 'One epoch' }).click();
    await pollReadout(page, '10', 'epochs').toBe('1');
    const mark = fig.getByRole('application').locator('g.point').first();
    const box = (await mark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.up();
    expect(await fig.getByRole('status').textContent()).toContain('Moved to');
    await pollReadout(page, '10', 'epochs').toBe('0');
  });
});
