// Figures 7a–12 open simple (issue 17): at most three controls before "More controls" is opened;
// 7b's answer never outlives a refused picture and 8b's words are never cut (issue 15); nothing
// is wider than a 320 px screen; 8b's sentence about its training runs agrees with the metrics file.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { test, expect, readText, openMore } from './fixture';
import { showFigure } from './browser';

const FIGURES = ['7a', '7b', '8a', '8b', '9', '10', '11', '12', '12b'];
/** What each figure shows once it has computed: the controls are counted after that. */
const READY: Record<string, string> = {
  '7a': '.gallery button',
  '7b': '[data-readout="probability"]',
  '8a': '[data-readout="it-nearest"]',
  '8b': '[data-readout="it-attends-to"]',
  '9': '[data-readout="pattern-it-attends-to"]',
  '10': '[data-readout="mistakes"]',
  '11': '[data-readout="needed-rank"]',
  '12': 'a[data-figure-link]',
  '12b': '[data-action="code-write"]'
};

/** Scroll a figure into view and wait until it has computed (some load a model first). */
async function ready(page: Page, id: string): Promise<Locator> {
  const fig = await showFigure(page, id, '[data-readout], svg, canvas, a[data-figure-link]');
  await fig.locator(READY[id]).first().waitFor({ state: 'visible', timeout: 60_000 });
  return fig;
}

/**
 * The controls a reader sees: sliders, buttons, toggles, selects, checkboxes, file pickers. A
 * segmented choice, a gallery of photos or a row of words (role radiogroup, or marked
 * data-control-group) counts once; fold headings (summary) and the frame's share buttons do not.
 */
function visibleControls(fig: Locator): Promise<string[]> {
  return fig.evaluate((el) => {
    const body = el.querySelector('.figure-body') ?? el;
    // checkVisibility: a closed fold's content keeps its boxes but is not drawn.
    const shown = (e: Element) => e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    const groups = new Set<Element>();
    const out: string[] = [];
    for (const e of body.querySelectorAll('button, input:not([type=hidden]), select, [role=radio], [role=switch], [role=slider], [role=checkbox]')) {
      // A file input is drawn invisible over its label: the label is what shows.
      const target = e instanceof HTMLInputElement && e.type === 'file' ? (e.closest('label') ?? e) : e;
      if (!shown(target)) continue;
      const group = e.closest('[role=radiogroup], [data-control-group]');
      if (group) {
        if (!groups.has(group)) out.push(`group: ${group.getAttribute('aria-label') ?? ''}`);
        groups.add(group);
        continue;
      }
      out.push(`${e.tagName.toLowerCase()}: ${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}`);
    }
    return out;
  });
}

test('7a–12 each open with at most three controls; More controls shows the rest', async ({ open }) => {
  const { page } = await open({ reducedMotion: 'reduce' });
  for (const id of FIGURES) {
    const fig = await ready(page, id);
    const controls = await visibleControls(fig);
    expect(controls.length, `${id}: ${controls.join(' | ')}`).toBeLessThanOrEqual(3);
    const more = fig.locator('details.more-controls');
    if ((await more.count()) > 0) {
      expect(await more.first().evaluate((d) => (d as HTMLDetailsElement).open), `${id}: More controls starts closed`).toBe(false);
      await openMore(fig);
      expect((await visibleControls(fig)).length, `${id}: More controls adds controls`).toBeGreaterThan(controls.length);
    }
  }
});

test('the words of build commands, file formats and seeds stay inside folds', async ({ open }) => {
  const { page } = await open({ reducedMotion: 'reduce' });
  for (const id of FIGURES) {
    const fig = await ready(page, id);
    // Only the text a reader sees: what closed folds hold is left out.
    const text = await fig.locator('.figure-body').evaluate((body) => {
      const parts: string[] = [];
      const walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.parentElement?.checkVisibility()) parts.push(n.textContent ?? '');
      return parts.join(' ');
    });
    expect(text, id).not.toMatch(/npm run|safetensors|\bseed\b|\bepochs?\b|saliency|multiply-adds|\bL\/32\b|K⊤|d_k/i);
  }
});

test('7b: after a refused picture, no answer is left on screen for it', async ({ open }) => {
  const { page } = await open();
  const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
  const probability = fig.locator('[data-readout="probability"]');
  await probability.waitFor({ timeout: 40_000 });
  await fig.getByRole('button', { name: /^Test photo 3, a dog/ }).click();
  await readText(page, '7b', 'probability');
  await fig.locator('input[type="file"]').setInputFiles({ name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not pixels\n') });
  await readText(page, '7b', 'upload-status', /holds text, not an image/);
  // The previous photo's answer is gone, and so is the photo it belonged to.
  await expect.poll(() => probability.count()).toBe(0);
  expect(await fig.locator('[data-readout="prediction"]').count()).toBe(0);
  expect(await fig.getByRole('img', { name: 'The chosen test photo' }).count()).toBe(0);
  await readText(page, '7b', 'no-picture', /No picture to answer for/);
  expect(await fig.locator('.gallery [aria-pressed="true"]').count()).toBe(0);
  await expect.poll(() => page.locator('#figure-7b-description').textContent()).not.toMatch(/it says (cat|dog) with probability/);
  // Picking a photo brings an answer back, for that photo.
  await fig.getByRole('button', { name: /^Test photo 201, a cat/ }).click();
  await readText(page, '7b', 'probability');
  expect(await fig.getByRole('button', { name: /^Test photo 201, a cat/ }).getAttribute('aria-pressed')).toBe('true');
});

test('at 320 px the page does not scroll sideways, and nothing in 7a–12 is wider than the screen, folds open too', async ({ open }) => {
  const { page } = await open({ width: 320, height: 800, reducedMotion: 'reduce' });
  for (const id of FIGURES) await ready(page, id);
  // The page as a whole, folds closed as a reader meets it. Which elements stick out, so a failure
  // names them (the top bar and the prose are checked too).
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 320.5 && !e.closest('[data-figure] table, .sr-only, pre'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} in ${e.closest('[data-section]')?.getAttribute('data-section') ?? 'top'}`)
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth), wide.join(' | ')).toBeLessThanOrEqual(320);
  for (const id of FIGURES) {
    const fig = await ready(page, id);
    // With its folds open too: what a reader can open must fit as well.
    await openMore(fig);
    const size = await fig.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(size.scroll, `${id} scrollWidth`).toBeLessThanOrEqual(size.client);
    expect(size.right, `${id} right edge`).toBeLessThanOrEqual(320);
  }
});

test("8b's words are whole at every width, and its sentence about the training runs agrees with the metrics file", async ({ open }) => {
  const metrics = JSON.parse(readFileSync('static/models/attention-metrics.json', 'utf8'));
  const rates: number[] = metrics.wirings.binding.seeds.map((s: { heldOut: { bindingRate: number } }) => s.heldOut.bindingRate);
  for (const width of [1280, 390]) {
    const { page } = await open({ width, reducedMotion: 'reduce' });
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await readText(page, '8b', 'it-attends-to', /\w/);
    const cut = await fig.locator('.w').evaluateAll((ws) => ws.filter((w) => w.scrollWidth > w.clientWidth).map((w) => w.textContent));
    expect(cut, `words cut at ${width} px`).toEqual([]);
    expect(await readText(page, '8b', 'run-spread-low')).toBe(`${(Math.min(...rates) * 100).toFixed(0)}%`);
    expect(await readText(page, '8b', 'run-spread-high')).toBe(`${(Math.max(...rates) * 100).toFixed(0)}%`);
    expect(await readText(page, '8b', 'run-spread', /trained \d+ times/)).toContain(`trained ${rates.length} times`);
  }
});

/**
 * Figure 11's work walked one token and one earlier token at a time, with its shapes (D = 32, one
 * head of width 32; indexer 4 heads × 8 plus one key of 8): dense, and sparse's two parts.
 */
function walkedCost(L: number, k: number) {
  const D = 32, dk = 32, dv = 32, H = 4, dI = 8;
  let dense = 0, indexer = 0, attention = 0;
  for (let t = 1; t <= L; t++) {
    dense += D * (2 * dk + dv) + t * (dk + dv);
    indexer += D * (H * dI + H + dI) + t * (H * dI + H);
    attention += D * (2 * dk + dv) + Math.min(t, k) * (dk + dv);
  }
  return { dense, indexer, attention };
}

test("11: the cost bars split sparse attention's work into the indexer's and the kept tokens'", async ({ open }) => {
  const { page } = await open({ reducedMotion: 'reduce' });
  const fig = await showFigure(page, '11', '[data-readout="recall"]');
  const text = await readText(page, '11', 'cost-parts', /saved|more than dense/);
  const c = walkedCost(2048, 64);
  const pct = (v: number) => (v * 100).toFixed(0);
  expect(text).toContain(`the indexer costs ${pct(c.indexer / c.dense)}% of dense attention's work`);
  expect(text).toContain(`attention over the kept tokens ${pct(c.attention / c.dense)}%`);
  expect(text).toContain(`${pct(1 - (c.indexer + c.attention) / c.dense)}% is saved`);
  expect(await fig.locator('.cost rect.indexer').count()).toBe(10);
});
