// Section 7 in a real browser: the hand-written rules (7a) and the CNN (7b). Expected values come
// from the same photo files and weights, computed here in Node by direct loops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';
import { photo } from '../../src/lib/data/cats-dogs';
import { RULES } from '../../src/lib/models/cat-dog-rules';
import { cnnVerdict, metrics, png, rulesAccuracy, test } from './vision';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('figure 7a: rules by hand', () => {
  it('reports the rules\' accuracy on the 400 test photos, and re-weights by keyboard', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '7a', '[data-readout="rules-accuracy"]');
    const readout = fig.locator('[data-readout="rules-accuracy"]');
    const asWritten = RULES.map((r) => r.weight);
    await expect.poll(() => readout.textContent(), { timeout: 30_000 }).toBe(rulesAccuracy(asWritten));
    expect(await fig.locator('pre.code .t-comment').count()).toBeGreaterThan(5);
    const slider = fig.getByRole('slider', { name: new RegExp(RULES[0].name) });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => readout.textContent()).toBe(rulesAccuracy([3, ...asWritten.slice(1)]));
    await fig.getByRole('button', { name: 'Weights as written' }).click();
    await expect.poll(() => readout.textContent()).toBe(rulesAccuracy(asWritten));
    expect(await fig.locator('.gallery .thumb').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 7b: the CNN', () => {
  it('computes the shipped accuracy, and picking a photo updates the prediction', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await expect.poll(() => fig.locator('[data-readout="cnn-accuracy"]').textContent(), { timeout: 40_000 })
      .toBe(`${(100 * metrics.testAccuracy).toFixed(1)}%`);
    // The first page shows dogs 0–9 then cats 200–209; pick the third dog.
    await fig.getByRole('button', { name: /^Test photo 3, a dog/ }).click();
    const expected = cnnVerdict(photo(test, 2));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(expected.probability);
    expect(await fig.locator('[data-readout="prediction"]').textContent()).toBe(expected.prediction);
    await fig.getByRole('button', { name: /^Test photo 201, a cat/ }).click();
    const expectedCat = cnnVerdict(photo(test, 200));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(expectedCat.probability);
    expect(await fig.locator('[data-readout="prediction"]').textContent()).toBe(expectedCat.prediction);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('classifies an uploaded PNG, and reports a text file named .png without a console error', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await fig.locator('[data-readout="probability"]').waitFor({ timeout: 40_000 });
    // An 80×64 PNG: test photo 250 enlarged 2× (each pixel a 2×2 block) between 8-pixel grey bands.
    // Cropping the centre 64×64 square and averaging 2×2 blocks must give back the photo exactly.
    const src = photo(test, 250);
    const W = 80, H = 64, rgb = new Uint8Array(W * H * 3).fill(128);
    for (let y = 0; y < H; y++) for (let x = 8; x < 72; x++) {
      const s = (Math.floor(y / 2) * 32 + Math.floor((x - 8) / 2)) * 3;
      rgb.set(src.subarray(s, s + 3), (y * W + x) * 3);
    }
    const input = fig.locator('input[type="file"]');
    await input.setInputFiles({ name: 'made-by-test.png', mimeType: 'image/png', buffer: png(W, H, rgb) });
    const status = fig.locator('[data-readout="upload-status"]');
    await expect.poll(() => status.textContent()).toContain('Read your picture: 80 × 64 pixels');
    const expected = cnnVerdict(src);
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(expected.probability);
    expect(await fig.locator('[data-readout="prediction"]').textContent()).toBe(expected.prediction);

    await input.setInputFiles({ name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not pixels\n') });
    await expect.poll(() => status.textContent()).toContain('holds text, not an image');
    // The figure keeps working: the previous picture's prediction is still shown, and a photo can be picked.
    await fig.getByRole('button', { name: /^Test photo 1, a dog/ }).click();
    const dog = cnnVerdict(photo(test, 0));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(dog.probability);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('trains from scratch in a worker: the loss falls within 30 s and the main thread stays free', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    // Let this figure and its neighbours finish loading (their first draws are not the claim under
    // test): wait until the main thread has had no long task for two seconds, then measure from
    // the click on.
    await expect.poll(() => fig.locator('[data-readout="cnn-accuracy"]').textContent(), { timeout: 40_000 }).toMatch(/^\d/);
    await fig.locator('[data-readout="probability"]').waitFor({ timeout: 40_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: string[]; lastLongTask: number };
      w.longTasks = [];
      w.lastLongTask = performance.now();
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.longTasks.push(`${Math.round(e.duration)} ms at ${Math.round(e.startTime)}`);
          w.lastLongTask = e.startTime + e.duration;
        }
      }).observe({ type: 'longtask' });
    });
    await expect.poll(() => page.evaluate(() => performance.now() - (window as unknown as { lastLongTask: number }).lastLongTask), { timeout: 30_000 })
      .toBeGreaterThan(2000);
    await page.evaluate(() => ((window as unknown as { longTasks: string[] }).longTasks = []));
    const clickedAt = await page.evaluate(() => Math.round(performance.now()));
    await fig.getByRole('button', { name: 'Train from scratch' }).click();
    const loss = fig.locator('[data-readout="scratch-loss"]');
    const epoch = fig.locator('[data-readout="scratch-epoch"]');
    // The first mean over 20 full steps, then a later, lower one.
    let first = NaN;
    const started = Date.now();
    await expect.poll(async () => {
      const steps = Number(await epoch.textContent()) * 50;
      const value = Number(await loss.textContent());
      if (Number.isNaN(first) && steps >= 20 && Number.isFinite(value)) first = value;
      return Number.isFinite(first) && value < first - 0.02;
    }, { timeout: 30_000, interval: 250 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
    await fig.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => fig.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: string[] }).longTasks);
    expect(longTasks.filter((t) => parseInt(t) > 50), `clicked at ${clickedAt}`).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
