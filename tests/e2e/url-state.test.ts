/**
 * Figure state in the URL: a link carrying several figures' state opens on exactly that view;
 * absurd or hostile values are clamped or ignored (no console error, no NaN); moving a control
 * rewrites the address bar; "Copy link to this view" restores the view in a fresh context.
 */
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, pollReadout, readNumber, readText, test, showFigureOpen, seriousAxeFindings } from './fixture';
import { showFigure } from './browser';

const pressedPhoto = (page: Page) =>
  page.locator('[data-figure="7b"] .gallery [aria-pressed="true"]').getAttribute('aria-label');

describe('figure state in the URL', () => {
  test('opens every figure of a shared link in the view the link names', async ({ open }) => {
    const { page } = await open({
      path: '/?f2c.beta=0.42&f2c.gamma=0.18&f5d.lr=-1&f5d.seed=7&f7b.photo=3&f8a.word=icy'
    });
    await showFigureOpen(page, '2c', '[data-readout="beta"]');
    await pollReadout(page, '2c', 'beta').toBe('0.420');
    await pollReadout(page, '2c', 'gamma').toBe('0.180');
    await showFigureOpen(page, '5d', '[data-readout="step"]');
    expect(await readNumber(page, '5d', 'lr')).toBeCloseTo(0.1, 6);
    await expect.poll(() => page.locator('[data-figure="5d"]').textContent(), { timeout: 30_000 }).toMatch(/seed 7/i);
    await showFigureOpen(page, '7b', '.gallery button');
    await expect.poll(() => pressedPhoto(page), { timeout: 20_000 }).toMatch(/^Test photo 3,/);
    await showFigureOpen(page, '8a', 'select');
    expect(await page.locator('[data-figure="8a"] select').inputValue()).toBe('icy');
    await pollReadout(page, '8a', 'it-adjective-dot').toMatch(/^-?\d/);
  });

  test('clamps or ignores absurd and hostile values without an error or a NaN', async ({ open }) => {
    const { page } = await open({
      path: '/?f2c.beta=1e308&f2c.gamma=NaN&f2c.from=%3Cscript%3Ealert(1)%3C/script%3E&f5d.lr=-1e999&f5d.seed=__proto__&f7b.photo=99999999&f8a.word=%3Cimg%20src=x%3E'
    });
    await showFigureOpen(page, '2c', '[data-readout="beta"]');
    const betaMax = await page.locator('[data-figure="2c"]').getByRole('slider', { name: /β, infecting/ }).getAttribute('max');
    expect(await readNumber(page, '2c', 'beta')).toBe(Number(betaMax)); // clamped to β's slider maximum
    expect(await readNumber(page, '2c', 'gamma')).toBeGreaterThan(0); // the default
    await showFigureOpen(page, '5d', '[data-readout="step"]');
    expect(await readNumber(page, '5d', 'lr')).toBeCloseTo(1e-4, 9); // the rate slider's minimum
    await showFigureOpen(page, '7b', '.gallery button');
    await expect.poll(() => pressedPhoto(page), { timeout: 20_000 }).toMatch(/^Test photo 400,/);
    await showFigureOpen(page, '8a', 'select');
    expect(await page.locator('[data-figure="8a"] select').inputValue()).toBe('tired');
    for (const id of ['2c', '5d', '7b', '8a']) expect(await page.locator(`[data-figure="${id}"]`).innerText()).not.toMatch(/NaN|Infinity/);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  test('writes a moved control into the address bar, and the copied link restores the view', async ({ open }) => {
    const { page, context } = await open({ path: '/' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const fig = await showFigureOpen(page, '2c', '[data-readout="beta"]');
    const beta = fig.getByRole('slider', { name: /β, infecting/ });
    await beta.focus();
    const entries = await page.evaluate(() => history.length);
    const start = await readText(page, '2c', 'beta');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await pollReadout(page, '2c', 'beta').not.toBe(start);
    const shown = await readText(page, '2c', 'beta');
    // The address bar follows once the slider rests: a write from before the last key may land first.
    await expect
      .poll(() => {
        const written = new URL(page.url()).searchParams.get('f2c.beta');
        return written === null ? null : Number(written).toFixed(3);
      }, { timeout: 30_000 })
      .toBe(shown);
    expect(await page.evaluate(() => history.length)).toBe(entries); // replaceState, not a history entry per tick

    await fig.getByRole('button', { name: 'Copy link to this view' }).click();
    await expect.poll(() => fig.getByText('Copied link to this view.').count()).toBe(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#figure-2c$/);
    expect(new URL(link).searchParams.get('f2c.beta')).not.toBeNull();

    await fig.getByRole('button', { name: 'Copy embed code' }).click();
    const embed = await page.evaluate(() => navigator.clipboard.readText());
    expect(embed).toMatch(/^<iframe src="[^"]+\/figure\/2c\?f2c\.beta=[^"]+" title="Figure 2c: [^"]+"/);

    const url = new URL(link);
    const fresh = await open({ path: url.pathname + url.search + url.hash });
    await showFigure(fresh.page, '2c', '[data-readout="beta"]');
    await pollReadout(fresh.page, '2c', 'beta').toBe(shown);
  });

  test('offers the share buttons by keyboard, axe-clean in light and dark, with a field to copy from when the clipboard refuses', async ({ open }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open({ colorScheme, reducedMotion: 'reduce' });
      const fig = await showFigureOpen(page, '8a', 'select');
      // No clipboard permission here: make writeText refuse, as an insecure page or a denied permission would.
      await page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
      });
      await fig.getByRole('button', { name: 'Copy link to this view' }).focus();
      await page.keyboard.press('Enter');
      const field = fig.getByRole('textbox', { name: 'Text to copy' });
      await field.waitFor();
      expect(await field.inputValue()).toMatch(/#figure-8a$/);
      expect(await seriousAxeFindings(page, ['[data-figure="8a"]']), colorScheme).toEqual([]);
    }
  });
});
