// Figure 12b (issue 20): the shipped code model writes in the reader's browser exactly what the same
// weights write in Node; every level opens on the real model; the small copy's loss falls as it
// learns; odd prompts (empty, long, not ASCII) are handled; figure 12's stack opens the levels.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import { expect, pollReadout, readNumber, readText, seriousAxeFindings, test, openMore } from './fixture';
import { showFigure } from './browser';
import { greedyContinuation } from '../../src/lib/models/code/code-writer';
import { codeModelFromSafetensors } from '../../src/lib/models/code/code-model-file';
import { CODE_PROMPTS } from '../../src/lib/models/code/code-prompts';
import { bracketHeads } from '../../src/lib/models/code/bracket-heads';

const metrics = JSON.parse(readFileSync('static/models/code-model-metrics.json', 'utf8'));
const model = codeModelFromSafetensors(new Uint8Array(readFileSync('static/models/code-model.safetensors')));
/** How much the tests have the model write (its "Characters to write" control, set by the figure's URL key). */
const LENGTH = 60;
/** Figure 12b alone, writing LENGTH characters at a time. */
const ALONE = { path: `/figure/12b?f12b.length=${LENGTH}`, reducedMotion: 'reduce' } as const;

async function ready(page: Page) {
  const fig = await showFigure(page, '12b', '[data-action="code-write"]');
  await expect.poll(() => fig.locator('[data-action="code-write"]').isEnabled(), { timeout: 60_000 }).toBe(true);
  return fig;
}

/** Types a prompt, presses Write and waits until the model has written all it was asked to. */
async function writeAfter(page: Page, prompt: string, chars = LENGTH) {
  const fig = await ready(page);
  await fig.locator('[data-input="code-prompt"]').fill(prompt);
  await fig.locator('[data-action="code-write"]').click();
  await expect.poll(() => fig.locator('[data-readout="completion"] .ch').count(), { timeout: 120_000 }).toBe(chars);
  await fig.locator('[data-action="code-write"]').waitFor({ state: 'visible', timeout: 30_000 });
  return fig;
}

describe('figure 12b: a code model the reader runs', () => {
  // Generous limits on waiting (a model to load, characters to write on a busy machine), not things tested.
  test('writes, most likely first, exactly what the same weights write in Node, for the ready-made prompts and a typed one', { timeout: 300_000 }, async ({ open }) => {
    const { page } = await open(ALONE);
    for (const prompt of [CODE_PROMPTS[0].text, CODE_PROMPTS[2].text, 'const answer = ']) {
      await writeAfter(page, prompt);
      await pollReadout(page, '12b', 'completion', 30_000).toBe(greedyContinuation(model, prompt, LENGTH).trim());
    }
  });

  test('opens every level on the real model: the loop, the parts, attention and its weights, descent, and a small copy that learns', { timeout: 400_000 }, async ({ open }) => {
    const { page } = await open(ALONE);
    const fig = await writeAfter(page, CODE_PROMPTS[0].text);
    const level = (name: string) => fig.locator(`details[data-level="${name}"]`);
    for (const name of ['loop', 'model', 'attention', 'weights', 'descent', 'learn']) {
      await level(name).locator('summary').click();
      expect(await level(name).evaluate((d) => (d as HTMLDetailsElement).open), name).toBe(true);
    }
    expect(await level('loop').textContent()).toContain('ask');
    expect(await level('model').locator('tfoot').textContent()).toContain(metrics.parameters.toLocaleString('en-US'));
    // Attention over the text as the model reads it: the picked place's weights add up to one.
    await readText(page, '12b', 'attention-row-sum', /^1\.000$/);
    await expect.poll(() => level('weights').locator('figure').count(), { timeout: 30_000 }).toBe(3);
    // The bracket head, found on the text shown, is the one Node finds on the same text with the same weights.
    const shown = CODE_PROMPTS[0].text + greedyContinuation(model, CODE_PROMPTS[0].text, LENGTH);
    const best = bracketHeads(model, shown).heads[0];
    await level('attention').locator('[data-action="bracket-head"]').click();
    await pollReadout(page, '12b', 'bracket-head').toBe(`layer ${best.layer + 1}, head ${best.head + 1}`);
    await pollReadout(page, '12b', 'bracket-weight').toBe(`${(100 * best.weight).toFixed(0)}%`);
    // The three held-out figures, as shipped.
    await pollReadout(page, '12b', 'model-bpc').toBe(metrics.heldout.modelBpc.toFixed(2));
    await pollReadout(page, '12b', 'ngram-bpc').toBe(metrics.heldout.ngramBpc.toFixed(2));
    await pollReadout(page, '12b', 'unigram-bpc').toBe(metrics.heldout.unigramBpc.toFixed(2));

    // Written text tinted, every level open: readable in both themes.
    await fig.locator('[data-readout="completion"] .ch').nth(5).hover();
    expect(await seriousAxeFindings(page), 'light').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeFindings(page, [], ['color-contrast']), 'dark').toEqual([]);

    // Watch it learn: the small copy's loss falls well below where it started.
    await level('learn').locator('[data-action="code-learn"]').click();
    const first = await readNumber(page, '12b', 'learn-loss', 60_000);
    await expect.poll(() => readNumber(page, '12b', 'learn-loss'), { timeout: 240_000 }).toBeLessThan(first - 1);
    expect(((await fig.locator('[data-readout="learn-sample"]').textContent()) ?? '').length).toBeGreaterThan(0);
  });

  test('an empty prompt, a long one and one beyond plain English are each written after, the window explained', { timeout: 300_000 }, async ({ open }) => {
    const { page } = await open(ALONE);
    const fig = await ready(page);
    await openMore(fig);
    for (const prompt of ['', 'x = 1;\n'.repeat(80), 'const grüße = "λ → 😀"; // ']) {
      await writeAfter(page, prompt);
      const window = await readText(page, '12b', 'code-window', /\w/);
      if (new TextEncoder().encode(prompt).length + 1 > model.config.context) expect(window).toMatch(/out of its sight/);
      else expect(window).toMatch(/all fit/);
      expect(await fig.locator('[data-readout="completion"]').textContent()).not.toMatch(/NaN|undefined/);
    }
  });

  test("figure 12's stack opens each level of the code model", { timeout: 180_000 }, async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    await ready(page);
    const stack = await showFigure(page, '12', 'a[data-level-link]');
    const links = stack.locator('a[data-level-link]');
    expect(await links.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const level = (await links.nth(i).getAttribute('data-level-link'))!;
      await links.nth(i).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#code-level-${level}`);
      expect(await page.locator(`#code-level-${level}`).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      await showFigure(page, '12', 'a[data-level-link]');
    }
  });
});
