// Figures of sections 1–6 open simple (issue 17): at most three controls in view when each first
// appears, the rest behind "More controls"; 2c sets the share infected its fit implies beside the
// antibody surveys' figure; 4a opens on a random start whose curve bends.
import { describe } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expect, openMore, readNumber, readText, test } from './fixture';
import { showFigure } from './browser';
import { NYC_FIT_START } from '../../src/lib/models/sir/sir-fit';
import { NYC_SURVEY_DATE, NYC_SURVEY_SHARE, impliedShareInfected } from '../../src/lib/models/sir/sir-survey';
import { dayOfIso } from '../../src/lib/data/nyc';

const FIGURES = ['1a', '1b', '1c', '2a', '2b', '2c', '3a', '3b', '4a', '4b', '5a', '5b', '5c', '5d', '6'];
/** What each figure waits for before it counts as having appeared. */
const READY: Record<string, string> = { '2c': '[data-readout="loss"]', '4a': '[data-readout="knobs"]', '5d': '[data-readout="step"]', '6': 'input[type="range"]' };
/** Fifteen figures in one page, and fits that run to the end, on a shared machine. */
const LONG = 300_000;

/**
 * The controls a reader sees in a figure: buttons, inputs, selects and sliders that take up space,
 * counting a segmented choice (one group of buttons) once and 4a's desk of knobs once — the desk
 * is the figure itself, the one thing to try.
 */
function visibleControls(fig: Locator): Promise<string[]> {
  return fig.locator('.figure-body').evaluate((body) => {
    const seen = new Set<Element>();
    const names: string[] = [];
    for (const el of body.querySelectorAll('button, input, select, textarea, [role="slider"], [role="checkbox"], [role="switch"]')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if ((el as HTMLInputElement).type === 'hidden') continue;
      // Inside a closed fold (Chromium still reports the boxes of what it does not paint there).
      const fold = el.closest('details:not([open])');
      if (fold && !el.closest('summary')) continue;
      const unit = el.closest('.segmented, svg[role="group"]') ?? el;
      if (seen.has(unit)) continue;
      seen.add(unit);
      names.push((unit.getAttribute('aria-label') ?? unit.textContent ?? '').trim().slice(0, 40) || unit.tagName);
    }
    return names;
  });
}

/** The turning points of an SVG path's drawn y values (sign changes of the step between points). */
async function turnsOfPath(path: Locator): Promise<number> {
  const d = (await path.getAttribute('d')) ?? '';
  const ys = [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => Number(m[2]));
  let turns = 0, last = 0;
  for (let i = 1; i < ys.length; i++) {
    const s = Math.sign(ys[i] - ys[i - 1]);
    if (s === 0) continue;
    if (last !== 0 && s !== last) turns++;
    last = s;
  }
  return turns;
}

async function share(page: Page): Promise<number> {
  return readNumber(page, '2c', 'share-infected');
}

describe('figures of sections 1–6 open simple', () => {
  test('each shows at most three controls when it first appears', async ({ open }) => {
    const { page } = await open();
    for (const id of FIGURES) {
      const fig = await showFigure(page, id, READY[id]);
      await page.waitForTimeout(300); // a figure that builds in two frames (4a's desk) has finished
      const controls = await visibleControls(fig);
      expect(controls.length, `figure ${id}: ${controls.join(' | ')}`).toBeLessThanOrEqual(3);
    }
  }, LONG);

  test('nothing in them overflows a 320 px screen, with every fold open', async ({ open }) => {
    const { page } = await open({ width: 320, height: 700 });
    for (const id of FIGURES) {
      const fig = await showFigure(page, id, READY[id]);
      await openMore(fig);
      const [scroll, client] = await fig.evaluate((f) => [f.scrollWidth, f.clientWidth]);
      expect(scroll, `figure ${id} is wider than its frame`).toBeLessThanOrEqual(client + 1);
      // Nothing sticks out past the screen's edge, except inside a box that scrolls sideways (the data tables).
      const out = await fig.evaluate((f) =>
        [...f.querySelectorAll('*')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.right <= window.innerWidth + 0.5) return false;
            for (let p = e.parentElement; p && p !== f; p = p.parentElement) if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return false;
            return true;
          })
          .map((e) => `${e.tagName}.${e.getAttribute('class')}`)
      );
      expect(out, `figure ${id} overflows 320 px`).toEqual([]);
    }
  }, LONG);
});

describe('figure 2c: what the fit cannot tell', () => {
  const T = dayOfIso(NYC_SURVEY_DATE);

  test('the share infected is the model’s own 1 − S on 20 April, beside the surveys’ 22.7%', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    await showFigure(page, '2c', '[data-readout="share-infected"]');
    await expect.poll(() => share(page)).toBeCloseTo(100 * impliedShareInfected(NYC_FIT_START, T), 1);
    expect(await readText(page, '2c', 'survey-share')).toBe(`${(NYC_SURVEY_SHARE * 100).toFixed(1)}%`);

    // Another setting, named by a link: the readout follows the dials.
    const other = await open({ reducedMotion: 'reduce', path: '/?f2c.beta=0.42&f2c.gamma=0.18' });
    await showFigure(other.page, '2c', '[data-readout="share-infected"]');
    await expect.poll(() => share(other.page)).toBeCloseTo(100 * impliedShareInfected({ ...NYC_FIT_START, beta: 0.42, gamma: 0.18 }, T), 1);
  });

  test('holding ρ at the surveys’ value brings the share to about 22.7% and moves R₀', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '2c', '[data-readout="loss"]');
    const hold = fig.getByRole('button', { name: 'Hold ρ at the surveys’ value' });
    expect(await hold.isDisabled()).toBe(true); // it needs a fit to start from
    const fit = fig.getByRole('button', { name: 'Fit from here' });
    await expect.poll(() => fit.isEnabled()).toBe(true);
    await fit.click();
    await expect.poll(() => fig.locator('[data-readout="fit-loss"]').count(), { timeout: 120_000 }).toBe(1);
    const freeShare = await share(page);
    const freeR0 = await readNumber(page, '2c', 'r0');
    expect(freeShare).toBeGreaterThan(2 * NYC_SURVEY_SHARE * 100);

    await expect.poll(() => hold.isEnabled()).toBe(true);
    await hold.click();
    await expect.poll(() => fig.locator('[data-readout="fit-loss"]').count(), { timeout: 120_000 }).toBe(2);
    expect(await fig.locator('.fits td:nth-child(2)').allTextContents()).toEqual(['fitted', 'held']);
    // One held fit from the closed form, stopped by the fit's own convergence rule: within a few points of the surveys.
    await expect.poll(async () => Math.abs((await share(page)) - NYC_SURVEY_SHARE * 100)).toBeLessThan(3);
    const heldR0 = await readNumber(page, '2c', 'r0');
    expect(heldR0).toBeLessThan(0.8 * freeR0);
    // The table's record of the held fit agrees with the readout.
    expect(Number((await fig.locator('[data-readout="fit-r0"]').allTextContents())[1])).toBeCloseTo(heldR0, 2);
  }, LONG);
});

describe('figure 4a: where to start', () => {
  test('its random start bends, a ringed knob says where to begin, and the layers are named', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '4a', '[data-readout="knobs"]');
    expect(await readNumber(page, '4a', 'turns')).toBeGreaterThanOrEqual(2);
    const curve = fig.locator('path.curve').first();
    await expect.poll(() => turnsOfPath(curve)).toBeGreaterThanOrEqual(2);
    await expect.poll(() => fig.locator('.first-ring').count()).toBe(1);
    expect(await fig.getByRole('slider', { name: /try this one first/ }).count()).toBe(1);
    for (const name of ['input', 'layer 1', 'layer 2', 'output']) expect(await fig.locator('.layer-labels text', { hasText: name }).count()).toBeGreaterThan(0);

    // Turning the ringed knob to the end of its range changes the curve visibly.
    const before = await curve.getAttribute('d');
    const first = fig.getByRole('slider', { name: /try this one first/ });
    await first.focus();
    await page.keyboard.press('End');
    await expect.poll(() => curve.getAttribute('d')).not.toBe(before);

    // Back to the random start: the same bending curve.
    await fig.getByRole('button', { name: 'Random start' }).click();
    await expect.poll(() => curve.getAttribute('d')).toBe(before);
  });
});
