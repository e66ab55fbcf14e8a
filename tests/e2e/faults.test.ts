/**
 * Workers that die: the site's own worker scripts are swapped (page.route) for ones that throw, or
 * that fail to load. The figure must say so, with a way back; the page must raise no uncaught error
 * and its other figures keep working; and once the real script is back, "Try again" must give a
 * working figure (a fresh worker, not a message posted to the dead one).
 * Also figure 7a's rule weights in the URL.
 */
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, pollReadout, readNumber, test, type LectureFixtures, openMore, showFigureOpen } from './fixture';
import { showFigure } from './browser';
import { RULES } from '../../src/lib/models/rules/cat-dog-rules';
import { metrics, rulesAccuracy } from './vision';
import { outbreakCsv } from '../support/synthetic-outbreak';

/** Built worker files are named `<name>.worker-<hash>.js`. */
const workerUrl = (name: string) => `**/workers/${name}.worker-*.js`;
const THROWS_ON_MESSAGE = "self.onmessage = () => { throw new Error('test fault: this worker throws'); };";
const THROWS_AT_LOAD = "throw new Error('test fault: this script throws as it loads');";

/**
 * The service worker is kept out so that page.route sees the worker scripts. The fixture then
 * refuses any console error or uncaught exception: every figure must handle its worker's fault.
 */
const openWithoutServiceWorker = (open: LectureFixtures['open'], path = '/') => open({ serviceWorkers: 'block', path });
/**
 * The faulty script keeps the real one's headers: the page is cross-origin isolated (for threads),
 * and a worker script without the isolation headers would not even load, a different fault.
 */
const serve = (page: Page, name: string, body: string) =>
  page.route(workerUrl(name), async (route) => route.fulfill({ response: await route.fetch(), body }));

describe('a worker that throws', () => {
  test('5d (TrainingClient): a message and Try again; the page goes on; after Try again the loss falls', async ({ open }) => {
    const { page } = await openWithoutServiceWorker(open);
    await serve(page, 'mlp-train', THROWS_ON_MESSAGE);
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    const fault = fig.getByRole('alert');
    await expect.poll(() => fault.textContent(), { timeout: 60_000 }).toMatch(/training worker stopped with an error/);
    expect(await fig.innerText()).not.toMatch(/NaN/);
    // Another figure, with a worker of its own, still works: 2c fits.
    const sir = await showFigure(page, '2c', '[data-readout="fit-steps"]');
    await sir.getByRole('button', { name: 'Fit from here' }).click();
    await expect.poll(async () => Number((await sir.locator('[data-readout="fit-steps"]').textContent())?.replace(/,/g, '')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await sir.getByRole('button', { name: 'Pause' }).click().catch(() => {}); // it may have converged already

    await page.unroute(workerUrl('mlp-train'));
    await fig.scrollIntoViewIfNeeded();
    await fault.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => fault.count()).toBe(0);
    const loss = fig.locator('[data-readout="loss"]');
    await fig.getByRole('button', { name: 'Step', exact: true }).click(); // the loss before any update
    await expect.poll(async () => Number(await loss.textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
    const first = await readNumber(page, '5d', 'loss');
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await loss.textContent()), { timeout: 60_000 }).toBeLessThan(first / 2);
  });

  test('7b (its own worker): a message instead of the network; uploads say why they wait; Try again brings the network back', async ({ open }) => {
    const { page } = await openWithoutServiceWorker(open);
    await serve(page, 'cnn-inspect', THROWS_AT_LOAD);
    const fig = await showFigure(page, '7b', '.gallery button');
    const fault = fig.getByRole('alert');
    await expect.poll(() => fault.textContent(), { timeout: 60_000 }).toMatch(/network's worker stopped with an error/);
    expect(await fig.locator('[data-readout="cnn-accuracy"]').textContent()).not.toMatch(/NaN/);
    await fig.locator('input[type="file"]').setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('not read') });
    await expect.poll(() => fig.locator('[data-readout="upload-status"]').textContent()).toMatch(/worker is not running: press Try again/);

    await page.unroute(workerUrl('cnn-inspect'));
    await fault.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => fig.locator('[data-readout="cnn-accuracy"]').textContent(), { timeout: 60_000 })
      .toBe(`${(100 * metrics.testAccuracy).toFixed(1)}%`);
    await expect.poll(() => fig.locator('[data-readout="prediction"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await fault.count()).toBe(0);
  });

  test('9 (the same worker as 7b, its own copy): the photo panel says so, the other panels stay, Try again answers', async ({ open }) => {
    const { page } = await openWithoutServiceWorker(open);
    await serve(page, 'cnn-inspect', THROWS_ON_MESSAGE);
    const fig = await showFigure(page, '9', '[data-readout="pattern-it-attends-to"]');
    const fault = fig.getByRole('alert');
    await expect.poll(() => fault.textContent(), { timeout: 60_000 }).toMatch(/network's worker stopped with an error/);
    await pollReadout(page, '9', 'pattern-it-attends-to').toMatch(/^\w+$/); // the sentence panel works
    await page.unroute(workerUrl('cnn-inspect'));
    await fault.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => fig.locator('[data-readout="cnn-probability"]').textContent(), { timeout: 60_000 }).toMatch(/^0\.\d{3}|^1\.000/);
  });

  test('7a: a worker script that does not load gives a message, and Try again runs the rules', async ({ open }) => {
    const { page } = await openWithoutServiceWorker(open);
    await page.route(workerUrl('cat-dog-rules'), (route) => route.abort());
    const fig = await showFigure(page, '7a', '[data-readout="rules-accuracy"]');
    const fault = fig.getByRole('alert');
    await expect.poll(() => fault.textContent(), { timeout: 60_000 }).toMatch(/rules' worker could not be loaded/);
    await page.unroute(workerUrl('cat-dog-rules'));
    await fault.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => fig.locator('[data-readout="rules-accuracy"]').textContent(), { timeout: 60_000 })
      .toBe(rulesAccuracy(RULES.map((r) => r.weight)));
  });
  test("the reader's-series network (4a): the worker training it dies, Try again trains it after all", async ({ open }) => {
    const { page } = await openWithoutServiceWorker(open);
    await serve(page, 'mlp-train', THROWS_ON_MESSAGE);
    const control = page.locator('[data-own-data]');
    await control.scrollIntoViewIfNeeded();
    await control.locator('summary').click();
    await control.locator('input[data-input="own-file"]').setInputFiles({ name: 'outbreak.csv', mimeType: 'text/csv', buffer: Buffer.from(outbreakCsv(2)) });
    await expect.poll(() => page.locator('[data-readout="data-status"]').textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    await page.locator('[data-action="use-series"]').click();
    await page.locator('[data-figure="4a"]').scrollIntoViewIfNeeded();
    const note = page.locator('[data-figure="4a"] [data-readout="series-network"]');
    await expect.poll(() => note.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/worker training the network on your series stopped with an error/);
    await page.unroute(workerUrl('mlp-train'));
    await note.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => note.textContent(), { timeout: 60_000 }).toMatch(/step [1-9][\d,]* of|trained in your browser/);
  });
});

describe("figure 7a's rule weights in the URL", () => {
  const key = (name: string) => `f7a.${name.replaceAll(' ', '-')}`;

  test('opens on the weights a link names (clamped, junk ignored), and moving a slider rewrites the link', async ({ open }) => {
    const [a, b, c] = RULES;
    const { page } = await openWithoutServiceWorker(open, `/?${key(a.name)}=2.5&${key(b.name)}=1e9&${key(c.name)}=__proto__`);
    const fig = await showFigureOpen(page, '7a', '[data-readout="rules-accuracy"]');
    const expected = RULES.map((r) => r.weight);
    expected[0] = 2.5;
    expected[1] = 3; // the sliders' maximum
    await expect.poll(() => fig.locator('[data-readout="rules-accuracy"]').textContent(), { timeout: 60_000 }).toBe(rulesAccuracy(expected));
    const slider = (name: string) => fig.getByRole('slider', { name: new RegExp(`^${name}`) });
    expect(Number(await slider(a.name).inputValue())).toBe(2.5);
    expect(Number(await slider(c.name).inputValue())).toBe(c.weight);

    await openMore(fig);
    await slider(RULES[3].name).focus();
    await page.keyboard.press('Home');
    expected[3] = 0;
    await expect.poll(() => fig.locator('[data-readout="rules-accuracy"]').textContent()).toBe(rulesAccuracy(expected));
    await expect.poll(() => new URL(page.url()).searchParams.get(key(RULES[3].name)), { timeout: 5000 }).toBe('0');
    expect(new URL(page.url()).searchParams.get(key(b.name))).toBe('3');
    // "Weights as written" takes them all out of the link again.
    await fig.getByRole('button', { name: 'Weights as written' }).click();
    await expect.poll(() => [...new URL(page.url()).searchParams.keys()].filter((k) => k.startsWith('f7a.')), { timeout: 5000 }).toEqual([]);
  });
});
