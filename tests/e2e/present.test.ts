// In class (issue 19, points 1–3): presenter mode one step at a time at projector size, every
// figure reachable by the clicker's keys and keeping its state; full screen for every figure;
// previous/next on the standalone figure pages; the 75-minute class plan in the Contents.
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, pollReadout, readText, test } from './fixture';
import { CLASS_LENGTH, SECTIONS } from '$lib/sections';
import { PREDICTION_MOMENTS } from '$lib/figures/predictions';
import { FIGURE_IDS } from '$lib/figures/registry';

/** The step counter's "Step N of M", polled until presenter mode has drawn it. */
async function stepOf(page: Page): Promise<{ n: number; of: number }> {
  let text = '';
  await expect
    .poll(async () => (text = (await page.locator('[data-readout="present-step"]').textContent().catch(() => '')) ?? ''), { message: 'step counter' })
    .toMatch(/Step \d+ of \d+/);
  const [, n, of] = text.match(/Step (\d+) of (\d+)/)!;
  return { n: Number(n), of: Number(of) };
}

/** Wait until the counter reads step `n`. */
async function atStep(page: Page, n: number) {
  await expect.poll(async () => (await stepOf(page)).n, { message: `step ${n}` }).toBe(n);
}

/** The figure the current step shows ('' on a section's opening step). */
const shownFigure = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-figure][data-present="show"]')?.getAttribute('data-figure') ?? '');

/** The prediction the current step shows ('' if none). */
const shownPredict = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-predict][data-present="show"]')?.getAttribute('data-predict') ?? '');

/** Computed font sizes (px) of the current step's text (prose, not the figure). */
const textSizes = (page: Page) =>
  page.$$eval('#top .prose > [data-present="show"]:not([data-figure])', (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));

/** Press PageDown until the step shows figure `id`; returns the step number. */
async function stepToFigure(page: Page, id: string): Promise<number> {
  const { of } = await stepOf(page);
  for (let i = 0; i < of; i++) {
    if ((await shownFigure(page)) === id) return (await stepOf(page)).n;
    const { n } = await stepOf(page);
    await page.keyboard.press('PageDown');
    await atStep(page, n + 1);
  }
  throw new Error(`figure ${id} never shown`);
}

describe('presenter mode', () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]]) {
    test(`?present at ${width}×${height}: data-mode, body text at projector size, the figure filling the rest`, async ({ open }) => {
      const { page } = await open({ predictions: true, path: '/?present', width, height });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode)).toBe('present');
      expect((await stepOf(page)).n).toBe(1);
      // 28 px on a 1080-line screen, the same share of a 720-line one.
      const least = (28 * height) / 1080;
      const lead = await textSizes(page);
      expect(lead.length).toBeGreaterThan(0);
      for (const px of lead) expect(px).toBeGreaterThanOrEqual(least - 0.01);
      await expect(page.getByRole('button', { name: 'Leave presenter mode' }).isVisible()).resolves.toBe(true);
      // For a classroom with bad Wi-Fi, saving for offline use is in the bar too.
      await expect.poll(() => page.locator('.present-bar details.offline summary').isVisible()).toBe(true);
      // The lecture's other sections are not on screen.
      expect(await page.locator('[data-section="2"] h2').isVisible()).toBe(false);

      // Section 1's prediction comes first: the room draws its guess before the figure shows the curve.
      await page.keyboard.press('PageDown');
      await atStep(page, 2);
      expect(await shownPredict(page)).toBe('1a');
      expect(await shownFigure(page)).toBe('');
      await expect.poll(() => page.locator('[data-predict="1a"]').isVisible()).toBe(true);
      // Zoomed like a figure, so its chart can be read from the back of the room.
      await expect.poll(() => page.locator('[data-predict="1a"]').evaluate((f) => parseFloat((f as HTMLElement).style.zoom || '0'))).toBeGreaterThan(1);
      await page.keyboard.press('PageDown');
      await atStep(page, 3);
      const id = await shownFigure(page);
      expect(id).toBe('1a');
      for (const px of await textSizes(page)) expect(px).toBeGreaterThanOrEqual(least - 0.01);
      const fig = page.locator(`[data-figure="${id}"]`);
      // Nobody drew a guess: the curve waits under a veil until the room answers or skips.
      const veil = fig.getByRole('note', { name: 'Figure 1a is waiting for your guess' });
      await expect.poll(() => veil.isVisible()).toBe(true);
      expect(await fig.locator('.figure-body').isVisible()).toBe(false);
      await veil.getByRole('button', { name: 'Just show me' }).click();
      await fig.locator('.figure-body svg').first().waitFor({ state: 'visible', timeout: 30_000 });
      await expect.poll(() => page.locator('[data-predict="1a"] [data-readout="prediction-score"]').textContent()).toBe('You skipped the guess; here is the answer.');
      // The figure is zoomed to the room beside the prose, and stays on screen across.
      await expect.poll(() => fig.evaluate((f) => parseFloat((f as HTMLElement).style.zoom || '0'))).toBeGreaterThanOrEqual(1);
      const box = (await fig.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
      expect(box.width).toBeGreaterThan(0.4 * width);
    });
  }

  test('PageDown from the start reaches every figure of the lecture, each loaded; Right, PageUp and Left move too', async ({ open }) => {
    const { page } = await open({ predictions: true, path: '/?present', width: 1280, height: 720 });
    const all = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getAttribute('data-figure')!));
    expect(all.length).toBeGreaterThan(20);
    // Figures and predictions in the lecture's order: each prediction before the figure it asks about.
    const order = await page.$$eval('[data-figure], [data-predict]', (els) =>
      els.map((e) => (e.hasAttribute('data-predict') ? `predict ${e.getAttribute('data-predict')}` : e.getAttribute('data-figure')!))
    );
    expect(order.filter((x) => x.startsWith('predict')).length).toBeGreaterThanOrEqual(9);
    const { of } = await stepOf(page);
    const reached: string[] = [];
    const seen: string[] = [];
    for (let n = 1; n <= of; n++) {
      await atStep(page, n);
      const id = await shownFigure(page);
      const guess = await shownPredict(page);
      if (guess) {
        seen.push(`predict ${guess}`);
        // Shown to the room with its answer still hidden.
        expect(await page.locator(`[data-predict="${guess}"] [data-readout="prediction-score"]`).count()).toBe(0);
      }
      if (id) {
        seen.push(id);
        reached.push(id);
        // The lazy loader fetched it because it is on screen; a figure after an unanswered
        // question is drawn under its veil, out of sight until the room answers.
        const fig = page.locator(`[data-figure="${id}"]`);
        const waiting = (await fig.locator('.veil').count()) > 0;
        expect(waiting, `figure ${id} veiled`).toBe(PREDICTION_MOMENTS.some((m) => m.figure === id));
        await fig.locator('.figure-body > :not(noscript)').first().waitFor({ state: waiting ? 'attached' : 'visible', timeout: 60_000 });
        if (waiting) expect(await fig.locator('.figure-body').isVisible(), id).toBe(false);
      }
      if (n < of) await page.keyboard.press('PageDown');
    }
    expect(reached).toEqual(all);
    expect(seen).toEqual(order);
    // At the end PageDown stays; PageUp, Left go back; Right goes forward.
    await page.keyboard.press('PageDown');
    await atStep(page, of);
    await page.keyboard.press('PageUp');
    await atStep(page, of - 1);
    await page.keyboard.press('ArrowLeft');
    await atStep(page, of - 2);
    await page.keyboard.press('ArrowRight');
    await atStep(page, of - 1);
  });

  test('a slider moved in a figure keeps its value after stepping away and back (the figure is not re-mounted)', async ({ open }) => {
    const { page } = await open({ path: '/?present', width: 1920, height: 1080 });
    const n = await stepToFigure(page, '2b');
    const beta = page.locator('[data-figure="2b"]').getByRole('slider', { name: /β, infecting/ });
    await beta.waitFor({ state: 'visible', timeout: 30_000 });
    await beta.evaluate((el) => ((el as HTMLElement & { marked?: boolean }).marked = true));
    const before = await beta.inputValue();
    await beta.focus();
    // Arrows belong to the focused slider, not to the steps.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => beta.inputValue()).not.toBe(before);
    expect((await stepOf(page)).n).toBe(n);
    const moved = await beta.inputValue();
    const r0 = await readText(page, '2b', 'r0');
    await page.getByRole('button', { name: 'Next step' }).click();
    await atStep(page, n + 1);
    expect(await beta.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await atStep(page, n);
    expect(await beta.inputValue()).toBe(moved);
    expect(await beta.evaluate((el) => (el as HTMLElement & { marked?: boolean }).marked)).toBe(true);
    await pollReadout(page, '2b', 'r0').toBe(r0);
  });

  test('Esc leaves and takes ?present out of the address; the top bar’s button enters', async ({ open }) => {
    const { page } = await open({ path: '/', width: 1280, height: 720 });
    const button = page.locator('.topbar').getByRole('button', { name: 'Present' });
    // Hydration may still be under way: click until presenter mode answers.
    await expect
      .poll(async () => {
        await button.click({ timeout: 2000 }).catch(() => {});
        return page.evaluate(() => document.documentElement.dataset.mode ?? '');
      })
      .toBe('present');
    expect(await page.evaluate(() => new URLSearchParams(location.search).has('present'))).toBe(true);
    await stepOf(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode ?? '')).toBe('');
    expect(await page.evaluate(() => location.search)).toBe('');
    expect(await page.locator('[data-present]').count()).toBe(0);
    expect(await page.locator('.topbar').isVisible()).toBe(true);
    // The visible Leave button works too.
    await button.click();
    await stepOf(page);
    await page.getByRole('button', { name: 'Leave presenter mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode ?? '')).toBe('');
  });
});

describe('figure full screen', () => {
  test('every figure has a labelled Full screen button; it puts the figure itself in full screen, zoomed, and back', async ({ open }) => {
    const { page } = await open({ width: 1280, height: 900 });
    const all = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getAttribute('data-figure')!));
    await expect.poll(() => page.locator('[data-figure] .figure-head button:has-text("Full screen")').count()).toBe(all.length);
    for (const id of all) {
      const b = page.locator(`[data-figure="${id}"] .figure-head`).getByRole('button', { name: `Full screen, figure ${id}`, exact: true });
      expect(await b.count(), id).toBe(1);
    }
    const fig = page.locator('[data-figure="2b"]');
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.figure-body input[type="range"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await fig.getByRole('button', { name: /^Full screen/ }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('data-figure') ?? '')).toBe('2b');
    await expect.poll(() => fig.locator('.figure-fit').evaluate((e) => parseFloat((e as HTMLElement).style.zoom || '0'))).toBeGreaterThanOrEqual(1);
    expect(await fig.getByRole('button', { name: /^Full screen/ }).getAttribute('aria-pressed')).toBe('true');
    await fig.getByRole('button', { name: /^Full screen/ }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await expect.poll(() => fig.locator('.figure-fit').evaluate((e) => (e as HTMLElement).style.zoom)).toBe('');
  });
});

describe('standalone figure pages', () => {
  test('previous and next links follow the registry’s order, and the keys follow them', async ({ open }) => {
    const [first, second, third] = FIGURE_IDS;
    const { page } = await open({ path: `/figure/${first}` });
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);
    expect(await page.locator('a[rel="next"]').getAttribute('href')).toBe(`/figure/${second}`);
    const last = FIGURE_IDS.at(-1)!;
    const end = await open({ path: `/figure/${last}` });
    expect(await end.page.locator('a[rel="next"]').count()).toBe(0);
    expect(await end.page.locator('a[rel="prev"]').getAttribute('href')).toBe(`/figure/${FIGURE_IDS.at(-2)}`);

    // Keys need the page's code: wait until the figure has drawn.
    await page.locator(`[data-figure="${first}"] .figure-body svg`).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/figure/${second}`);
    await page.locator(`[data-figure="${second}"]`).waitFor();
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/figure/${third}`);
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/figure/${second}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/figure/${first}`);
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);
  });

  test('a focused slider keeps its arrow keys', async ({ open }) => {
    const { page } = await open({ path: '/figure/2b' });
    const beta = page.getByRole('slider', { name: /β, infecting/ });
    await beta.waitFor({ state: 'visible', timeout: 30_000 });
    const before = await beta.inputValue();
    await beta.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await expect.poll(() => beta.inputValue()).not.toBe(before);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => location.pathname)).toBe('/figure/2b');
  });
});

describe('the 75-minute class plan', () => {
  test('the core sections fit in 75 minutes, and the Contents and the headings say so', async ({ open }) => {
    const core = SECTIONS.filter((s) => s.plan === 'core');
    const optional = SECTIONS.filter((s) => s.plan === 'optional');
    expect(core.length + optional.length).toBe(SECTIONS.length);
    const minutes = core.reduce((sum, s) => sum + s.classMinutes, 0);
    expect(CLASS_LENGTH).toBe(75);
    expect(minutes).toBeLessThanOrEqual(75);
    expect(minutes).toBeGreaterThan(0);

    const { page } = await open({ width: 1280, height: 900 });
    const plan = page.locator('nav#contents [data-class-plan]');
    expect(await plan.locator('h2').textContent()).toBe('75-minute class');
    expect(await plan.textContent()).toContain(`${minutes} min`);
    const taught = await plan.locator('[data-class-section]').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-class-section')), e.querySelector('a')!.getAttribute('href')]));
    expect(taught).toEqual(core.map((s) => [s.n, `#${s.id}`]));
    const reading = await plan.locator('[data-reading-section]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-reading-section'))));
    expect(reading).toEqual(optional.map((s) => s.n));
    for (const s of SECTIONS) {
      const line = (await page.locator(`[data-section="${s.n}"] .section-head .class-plan`).textContent())!.trim();
      expect(line).toBe(s.plan === 'core' ? `Core in class · ${s.classMinutes} min` : 'Optional: set as reading');
    }
    // The plan's links jump like the rest of the Contents.
    await page.getByRole('button', { name: 'Contents' }).click();
    await plan.getByRole('link', { name: new RegExp(core[1].short) }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${core[1].id}`);
  });
});
