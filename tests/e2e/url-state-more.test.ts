/**
 * Figure state in the URL for the figures url-state.test.ts does not cover (1a, 1b, 1c, 2b, 3a, 3b,
 * 4a, 4b, 5a, 5b, 5c, 6, 8b, 9, 10, 11): one link names a view of each and every figure opens on it; absurd and hostile
 * values are clamped or ignored with no console error and no NaN on screen; operating a control of
 * each figure rewrites the address bar without adding history entries.
 */
import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, pollReadout, readNumber, readText, test, showFigureOpen } from './fixture';
import { showFigure } from './browser';

/** Figure 4a's loss at the shipped trained knobs, as the page shows it (three significant digits). */
const TRAINED_LOSS = (JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8')).trainedLoss as number).toPrecision(3);

const fig = (page: Page, id: string) => page.locator(`[data-figure="${id}"]`);
const slider = (f: Locator, name: RegExp) => f.getByRole('slider', { name }).first();
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
/** The day chart of 1a is a slider of its own; its fit window has two range inputs. */
const chart1a = (page: Page) => slider(fig(page, '1a'), /^Day on the chart/);
const window1a = (page: Page) => fig(page, '1a').locator('.fit-controls input[type="range"]');

const LINK = [
  'f1a.log=1&f1a.day=10&f1a.from=5&f1a.to=20',
  'f1b.day=40',
  'f1c.day=100&f1c.machine=network',
  'f3a.degree=7',
  'f3b.depth=4&f3b.a=1.5',
  'f4a.base=trained&f4a.k5=0.25',
  'f4b.position=60',
  'f5b.a=-1&f5b.b=2&f5b.lr=-0.5&f5b.adam=-2',
  'f5c.seed=3&f5c.day=20&f5c.check=1',
  'f6.day=50',
  'f9.day=60&f9.photo=5&f9.word=wide',
  // The figures wired first.
  'f2b.beta=0.9&f2b.gamma=0.3&f5a.lr=0&f8b.wiring=plain&f8b.word=icy&f10.preset=xor&f10.eta=0.5&f11.length=1024'
].join('&');

const HOSTILE = [
  'f1a.log=maybe&f1a.day=1e308&f1a.from=-5&f1a.to=NaN',
  'f1b.day=-1e999',
  'f1c.day=99999999&f1c.machine=%3Cscript%3Ealert(1)%3C/script%3E',
  'f3a.degree=1e9',
  'f3b.depth=0x10&f3b.a=-1',
  'f4a.base=__proto__&f4a.seed=-5&f4a.k0=1e308&f4a.k96=junk&f4a.k97=1&f4a.k-1=2',
  'f4b.position=NaN',
  'f5b.a=1e308&f5b.b=-1e308&f5b.lr=abc',
  'f5c.seed=0&f5c.fwd=99999&f5c.back=-3&f5c.k0=1e400',
  'f6.day=-7',
  'f9.photo=99999999&f9.word=%3Cimg%20src=x%3E&f9.selected=-1'
].join('&');

const IDS = ['1a', '1b', '1c', '3a', '3b', '4a', '4b', '5b', '5c', '6', '9'];

describe('figure state in the URL, the remaining figures', () => {
  test('opens each figure of a shared link on the view the link names', async ({ open }) => {
    const { page } = await open({ path: `/?${LINK}`, reducedMotion: 'reduce' });

    let f = await showFigureOpen(page, '1a', '[data-readout="date"]');
    expect(await chart1a(page).getAttribute('aria-valuenow')).toBe('10');
    expect(await f.getByRole('button', { name: 'Log' }).getAttribute('aria-pressed')).toBe('true');
    expect(await window1a(page).nth(0).inputValue()).toBe('5');
    expect(await window1a(page).nth(1).inputValue()).toBe('20');

    f = await showFigureOpen(page, '1b', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('40');

    f = await showFigureOpen(page, '1c', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('100');
    // The trained network is chosen once it has loaded.
    await expect.poll(() => f.locator('select').inputValue(), { timeout: 30_000 }).toBe('network');

    await showFigureOpen(page, '3a', '[data-readout="degree"]');
    await pollReadout(page, '3a', 'degree').toBe('7');

    f = await showFigureOpen(page, '3b', '[data-readout="depth"]');
    await pollReadout(page, '3b', 'depth').toBe('4');
    expect(await slider(f, /^a in h/).inputValue()).toBe('1.5');

    f = await showFigureOpen(page, '4a', '[data-readout="knobs"]');
    const knob5 = f.getByRole('slider').nth(5);
    await knob5.waitFor();
    expect(await knob5.getAttribute('aria-valuenow')).toBe('0.25');
    await expect.poll(() => f.textContent()).toMatch(/a setting of your own/);

    await showFigureOpen(page, '4b', '[data-readout="position"]');
    await pollReadout(page, '4b', 'position').toBe('60%');

    f = await showFigureOpen(page, '5b', '[data-readout="steps"]');
    expect(await slider(f, /^Start W₂\[0,1\]/).inputValue()).toBe('-1');
    expect(await slider(f, /^Start b₂\[1\]/).inputValue()).toBe('2');
    expect(await slider(f, /^η, Adam/).inputValue()).toBe('-2');

    f = await showFigureOpen(page, '5c', '[data-readout="loss"]');
    expect(await slider(f, /^Day/).inputValue()).toBe('20');
    await expect.poll(() => f.textContent()).toMatch(/seed 3\b/);
    // check=1 shows the nudge check, which needs both sweeps done.
    await pollReadout(page, '5c', 'max-grad-error').toMatch(/^\d\.\de[-+]\d+$/);
    await pollReadout(page, '5c', 'loss').toMatch(/^\d/);

    f = await showFigureOpen(page, '6', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('50');

    f = await showFigureOpen(page, '9', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('60');
    await expect.poll(() => f.getByRole('img', { name: /^test photo 5,/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => f.getByRole('button', { name: /^switch to “tired”/ }).count(), { timeout: 20_000 }).toBe(1);

    // The figures wired first (2b, 5a, 8b, 10, 11), named in the same link.
    await showFigureOpen(page, '2b', '[data-readout="r0"]');
    await pollReadout(page, '2b', 'r0').toBe('3.00'); // 0.9 / 0.3
    f = await showFigureOpen(page, '5a', '[data-readout="lr"]');
    expect(await slider(f, /^Learning rate/).inputValue()).toBe('0');
    f = await showFigureOpen(page, '8b', 'select');
    await expect.poll(() => f.getByLabel('wiring').inputValue(), { timeout: 30_000 }).toBe('plain');
    expect(await f.getByLabel('last word').inputValue()).toBe('icy');
    f = await showFigureOpen(page, '10', '[data-readout="mistakes"]');
    expect(await f.getByRole('group', { name: 'Start from a preset' }).locator('[aria-pressed="true"]').innerText()).toMatch(/XOR/i);
    expect(await slider(f, /^η/).inputValue()).toBe('0.5');
    f = await showFigureOpen(page, '11', '[data-readout="recall"]');
    expect(await f.getByLabel('Sequence length').inputValue()).toBe('1024');

    // The link's keys are all still there: reading them did not rewrite them.
    for (const pair of LINK.split('&')) {
      const [k, v] = pair.split('=');
      expect(param(page, k), k).toBe(v);
    }
  });

  test('clamps or ignores absurd and hostile values without an error or a NaN', async ({ open }) => {
    const { page } = await open({ path: `/?${HOSTILE}`, reducedMotion: 'reduce' });

    let f = await showFigureOpen(page, '1a', '[data-readout="date"]');
    expect(await chart1a(page).getAttribute('aria-valuenow')).toBe(await chart1a(page).getAttribute('aria-valuemax'));
    expect(await f.getByRole('button', { name: 'Linear' }).getAttribute('aria-pressed')).toBe('true');
    expect(await window1a(page).nth(0).inputValue()).toBe('0');

    f = await showFigureOpen(page, '1b', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('0');

    f = await showFigureOpen(page, '1c', 'input[type="range"]');
    const dial = f.locator('input[type="range"]');
    expect(await dial.inputValue()).toBe(await dial.getAttribute('max'));
    expect(await f.locator('select').inputValue()).toBe('lookup');

    await showFigureOpen(page, '3a', '[data-readout="degree"]');
    await pollReadout(page, '3a', 'degree').toBe('15');

    f = await showFigureOpen(page, '3b', '[data-readout="depth"]');
    await pollReadout(page, '3b', 'depth').toBe('1');
    expect(await slider(f, /^a in h/).inputValue()).toBe('0.5');

    f = await showFigureOpen(page, '4a', '[data-readout="knobs"]');
    const knob0 = f.getByRole('slider').nth(0);
    await knob0.waitFor();
    expect(await knob0.getAttribute('aria-valuenow')).toBe(await knob0.getAttribute('aria-valuemax'));
    expect(await readNumber(page, '4a', 'loss')).toBeGreaterThan(0);

    await showFigureOpen(page, '4b', '[data-readout="position"]');
    await pollReadout(page, '4b', 'position').toBe('0%');

    f = await showFigureOpen(page, '5b', '[data-readout="steps"]');
    expect(await slider(f, /^Start W₂\[0,1\]/).inputValue()).toBe('7');
    expect(await slider(f, /^Start b₂\[1\]/).inputValue()).toBe('-4');

    f = await showFigureOpen(page, '5c', '[data-readout="loss"]');
    // fwd past the end: the forward sweep is complete, and the loss of a knob clamped to its limit is a number.
    expect(await readNumber(page, '5c', 'loss')).toBeGreaterThanOrEqual(0);
    await pollReadout(page, '5c', 'max-grad-error').toBe('—');

    f = await showFigureOpen(page, '6', 'input[type="range"]');
    expect(await f.locator('input[type="range"]').inputValue()).toBe('0');

    f = await showFigureOpen(page, '9', 'input[type="range"]');
    await expect.poll(() => f.getByRole('img', { name: /^test photo 400,/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => f.getByRole('button', { name: /^switch to “wide”/ }).count(), { timeout: 20_000 }).toBe(1);

    for (const id of IDS) expect(await fig(page, id).innerText(), id).not.toMatch(/NaN|Infinity/);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  test('writes a moved control of each figure into the address bar, adding no history entry', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const entries = await page.evaluate(() => history.length);
    const expectParam = (key: string, value: string | RegExp) =>
      expect.poll(() => param(page, key), { timeout: 30_000 }).toMatch(value instanceof RegExp ? value : new RegExp(`^${value.replace('.', '\\.')}$`));

    let f = await showFigureOpen(page, '1a', '[data-readout="date"]');
    await f.getByRole('button', { name: 'Log' }).click();
    await expectParam('f1a.log', '1');

    f = await showFigureOpen(page, '1b', 'input[type="range"]');
    await f.locator('input[type="range"]').focus();
    await page.keyboard.press('ArrowRight');
    await expectParam('f1b.day', '21');

    f = await showFigureOpen(page, '1c', 'input[type="range"]');
    await f.locator('select option[value="network"]').waitFor({ state: 'attached', timeout: 30_000 });
    await f.locator('select').selectOption('network');
    await expectParam('f1c.machine', 'network');

    f = await showFigureOpen(page, '3a', '[data-readout="degree"]');
    await slider(f, /^Degree/).focus();
    await page.keyboard.press('ArrowRight');
    await expectParam('f3a.degree', '3');

    f = await showFigureOpen(page, '3b', '[data-readout="depth"]');
    await slider(f, /^Depth/).focus();
    await page.keyboard.press('ArrowRight');
    await expectParam('f3b.depth', '2');

    f = await showFigureOpen(page, '4a', '[data-readout="knobs"]');
    const knob = f.getByRole('slider').nth(5);
    await knob.focus();
    await page.keyboard.press('ArrowUp');
    await expectParam('f4a.k5', /^-?\d+(\.\d{1,3})?$/);
    // The knob holds a float32; the URL its shortest decimal.
    expect(Math.fround(Number(param(page, 'f4a.k5')))).toBe(Number(await knob.getAttribute('aria-valuenow')));

    f = await showFigureOpen(page, '4b', '[data-readout="position"]');
    await f.getByRole('slider').focus();
    await page.keyboard.press('End');
    await expectParam('f4b.position', '100');

    f = await showFigureOpen(page, '5b', '[data-readout="steps"]');
    await slider(f, /^Start W₂\[0,1\]/).focus();
    await page.keyboard.press('ArrowRight');
    await expectParam('f5b.a', '4.05');

    f = await showFigureOpen(page, '5c', '[data-readout="loss"]');
    await f.getByRole('button', { name: 'Forward step' }).click();
    await expectParam('f5c.fwd', '1');

    f = await showFigureOpen(page, '6', 'input[type="range"]');
    await f.locator('input[type="range"]').focus();
    await page.keyboard.press('ArrowRight');
    await expectParam('f6.day', '38');

    f = await showFigureOpen(page, '9', 'input[type="range"]');
    await f.getByRole('button', { name: 'next photo' }).click();
    await expectParam('f9.photo', '2');
    await f.locator('input[type="range"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expectParam('f9.day', '36');

    expect(await page.evaluate(() => history.length)).toBe(entries);
  });

  test('restores knobs moved by hand (4a) and by steps downhill (5c) exactly, losses and all', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    let f = await showFigureOpen(page, '4a', '[data-readout="knobs"]');
    await f.getByRole('button', { name: 'Trained' }).click();
    // The trained weights have loaded once the loss is theirs; then a knob is moved off them.
    await pollReadout(page, '4a', 'loss').toBe(TRAINED_LOSS);
    const knob = f.getByRole('slider').nth(40);
    await knob.focus();
    for (const key of ['PageUp', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    const knobValue = await knob.getAttribute('aria-valuenow');
    await pollReadout(page, '4a', 'loss').not.toBe(TRAINED_LOSS);
    const loss4a = await readText(page, '4a', 'loss');

    f = await showFigureOpen(page, '5c', '[data-readout="loss"]');
    for (let i = 0; i < 3; i++) {
      await f.getByRole('button', { name: 'Whole sweep' }).click();
      await f.getByRole('button', { name: /^Take one step downhill/ }).click();
    }
    // The address bar follows the controls once they rest (URL_SETTLE_MS), so a link read too soon
    // can hold a state from before the last click. The first rewrite of 5c's keys after the last
    // click carries its final state: note the address then.
    await page.evaluate(() => {
      const w = window as unknown as { linkAfterClick: string | null };
      const keys5c = () => [...new URLSearchParams(location.search)].filter(([k]) => k.startsWith('f5c.')).join('&');
      w.linkAfterClick = null;
      document.addEventListener('click', () => (w.linkAfterClick = null), { capture: true });
      const replace = history.replaceState.bind(history);
      history.replaceState = (data, unused, url) => {
        const before = keys5c();
        replace(data, unused, url);
        if (keys5c() !== before && w.linkAfterClick === null) w.linkAfterClick = location.href;
      };
    });
    await f.getByRole('button', { name: 'Whole sweep' }).click();
    const loss5c = await readText(page, '5c', 'loss'); // a number once the sweep is done
    let href = '';
    await expect
      .poll(async () => (href = (await page.evaluate(() => (window as unknown as { linkAfterClick: string | null }).linkAfterClick)) ?? ''), { timeout: 30_000 })
      .not.toBe('');
    // 4a's knob: its float32 value, written as its shortest decimal.
    await expect.poll(() => Math.fround(Number(param(page, 'f4a.k40'))), { timeout: 30_000 }).toBe(Number(knobValue));
    expect(param(page, 'f4a.base')).toBe('trained');
    expect(new URL(href).searchParams.get('f4a.k40')).toBe(param(page, 'f4a.k40'));
    const link = new URL(href);

    const fresh = await open({ path: link.pathname + link.search, reducedMotion: 'reduce' });
    f = await showFigure(fresh.page, '4a', '[data-readout="knobs"]');
    await f.getByRole('slider').nth(40).waitFor();
    expect(await f.getByRole('slider').nth(40).getAttribute('aria-valuenow')).toBe(knobValue);
    // The loss follows once the trained weights behind the knobs have loaded.
    await pollReadout(fresh.page, '4a', 'loss').toBe(loss4a);
    await showFigure(fresh.page, '5c', '[data-readout="loss"]');
    await pollReadout(fresh.page, '5c', 'loss').toBe(loss5c);
  });

  test("drops a link's New York settings when the reader switches to their own series", async ({ open }) => {
    const { page } = await open({
      path: '/?f1a.day=1e308&f1a.from=120&f1a.to=140&f1c.day=99999999&f3a.degree=1e9&f5c.day=500',
      reducedMotion: 'reduce'
    });
    const control = page.locator('[data-own-data]');
    await control.scrollIntoViewIfNeeded();
    await control.locator('summary').click();
    // Twenty days of a rise and fall: the shortest series the figures take.
    const csv = ['date,cases', ...Array.from({ length: 20 }, (_, i) => `2024-03-${String(i + 1).padStart(2, '0')},${Math.round(400 * Math.exp(-((i - 12) ** 2) / 18))}`)];
    await page.locator('textarea[data-input="own-paste"]').fill(csv.join('\n'));
    await page.locator('[data-action="read-paste"]').click();
    await page.locator('[data-action="use-series"]').click();

    // The link's settings were made for New York: the figures rebuilt on the reader's 20 days open on
    // their own defaults, loaded already (1a) or not yet (1c, 3a, 5c), and the address bar forgets them.
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    await showFigureOpen(page, '1a', '[data-readout="date"]');
    await expect.poll(() => chart1a(page).getAttribute('aria-valuemax')).toBe('19');
    let f = await showFigureOpen(page, '1c', 'input[type="range"]');
    const dial = f.locator('input[type="range"]');
    expect(Number(await dial.inputValue())).toBeLessThanOrEqual(Number(await dial.getAttribute('max')));
    await showFigureOpen(page, '3a', '[data-readout="degree"]');
    expect(await readNumber(page, '3a', 'degree')).toBeLessThan(15); // this series' top rung
    f = await showFigureOpen(page, '5c', '[data-readout="loss"]');
    expect(Number(await slider(f, /^Day/).inputValue())).toBeLessThanOrEqual(19);
    // A setting made on the reader's series goes into the address bar as usual, and going back to
    // New York drops it again.
    await page.locator('[data-figure="1a"]').getByRole('button', { name: 'Log' }).click();
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('f1a.log')), { timeout: 30_000 }).toBe('1');
    await page.locator('[data-action="back-to-nyc"]').click();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    for (const id of ['1a', '1c', '3a', '5c']) expect(await fig(page, id).innerText(), id).not.toMatch(/NaN|Infinity/);
  });
});

