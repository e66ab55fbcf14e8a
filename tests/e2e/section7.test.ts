// Section 7 in a real browser: the hand-written rules (7a) and the CNN (7b). Expected values come
// from the same photo files and weights, computed here in Node by direct loops.
import { describe } from 'vitest';
import { expect, expectAnswersKey, pollReadout, test, expectWorker, openMore } from './fixture';
import { showFigure } from './browser';
import { photo } from '../../src/lib/data/cats-dogs';
import { RULES } from '../../src/lib/models/rules/cat-dog-rules';
import { cnnVerdict, metrics, png, rulesAccuracy, test as photos } from './vision';

describe('figure 7a: rules by hand', () => {
  test('reports the rules\' accuracy on the 400 test photos, and re-weights by keyboard', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '7a', '[data-readout="rules-accuracy"]');
    const readout = fig.locator('[data-readout="rules-accuracy"]');
    const asWritten = RULES.map((r) => r.weight);
    await expect.poll(() => readout.textContent(), { timeout: 30_000 }).toBe(rulesAccuracy(asWritten));
    expect(await fig.locator('pre.code .t-comment').count()).toBeGreaterThan(5);
    const slider = fig.getByRole('slider', { name: new RegExp(RULES[0].name) });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => readout.textContent()).toBe(rulesAccuracy([3, ...asWritten.slice(1)]));
    await openMore(fig);
    await fig.getByRole('button', { name: 'Weights as written' }).click();
    await expect.poll(() => readout.textContent()).toBe(rulesAccuracy(asWritten));
    expect(await fig.locator('.gallery .thumb').count()).toBeGreaterThan(0);
  });
});

describe('figure 7b: the CNN', () => {
  test('computes the shipped accuracy, and picking a photo updates the prediction', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await expect.poll(() => fig.locator('[data-readout="cnn-accuracy"]').textContent(), { timeout: 40_000 })
      .toBe(`${(100 * metrics.testAccuracy).toFixed(1)}%`);
    // The first page shows dogs 0–9 then cats 200–209; pick the third dog.
    await fig.getByRole('button', { name: /^Test photo 3, a dog/ }).click();
    const expected = cnnVerdict(photo(photos, 2));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(expected.probability);
    await pollReadout(page, '7b', 'prediction').toBe(expected.prediction);
    await fig.getByRole('button', { name: /^Test photo 201, a cat/ }).click();
    const expectedCat = cnnVerdict(photo(photos, 200));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(expectedCat.probability);
    await pollReadout(page, '7b', 'prediction').toBe(expectedCat.prediction);
  });

  test('classifies an uploaded PNG, and reports a text file named .png without a console error', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await fig.locator('[data-readout="probability"]').waitFor({ timeout: 40_000 });
    // An 80×64 PNG: test photo 250 enlarged 2× (each pixel a 2×2 block) between 8-pixel grey bands.
    // Cropping the centre 64×64 square and averaging 2×2 blocks must give back the photo exactly.
    const src = photo(photos, 250);
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
    await pollReadout(page, '7b', 'prediction').toBe(expected.prediction);

    await input.setInputFiles({ name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not pixels\n') });
    await expect.poll(() => status.textContent()).toContain('holds text, not an image');
    // The figure keeps working: the refused file's answer is not the previous picture's, and a photo can be picked.
    await fig.getByRole('button', { name: /^Test photo 1, a dog/ }).click();
    const dog = cnnVerdict(photo(photos, 0));
    await expect.poll(() => fig.locator('[data-readout="probability"]').textContent()).toBe(dog.probability);
  });

  test('trains from scratch in a worker against a clock: the loss falls while the page answers keys, test accuracy is scored on time, the run ends by itself', async ({ open }) => {
    // A 20-second budget instead of the reader's minute (the address may shorten it, for tests).
    const { page } = await open({ path: '/?scratch-seconds=20' });
    const rules = await showFigure(page, '7a', '[data-readout="rules-accuracy"]');
    const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
    await pollReadout(page, '7b', 'cnn-accuracy', 60_000).toMatch(/^\d/);
    await openMore(fig);
    await fig.getByRole('button', { name: 'Train from scratch' }).click();
    // The training runs in its own worker script, not on the page.
    await expectWorker(page, 'cnn-train');
    const loss = fig.locator('[data-readout="scratch-loss"]');
    const steps = fig.locator('[data-readout="scratch-steps"]');
    const seconds = fig.locator('[data-readout="scratch-seconds"]');
    const accuracy = fig.locator('[data-readout="scratch-accuracy"]');
    // The first mean over 20 full steps…
    let first = NaN;
    await expect
      .poll(async () => {
        const value = Number(await loss.textContent());
        if (Number(await steps.textContent()) >= 20 && Number.isFinite(value)) first = value;
        return first;
      }, { timeout: 120_000, interval: 250 })
      .toSatisfy(Number.isFinite);
    // …while it trains on, a key on figure 7a's first rule slider is answered at once…
    await expectAnswersKey(rules.getByRole('slider').first(), 'ArrowRight');
    expect(await fig.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    // …a pause stops its clock…
    await fig.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => fig.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    const paused = await seconds.textContent();
    await page.waitForTimeout(1000);
    expect(await seconds.textContent()).toBe(paused);
    // …and after Resume it runs to its budget and stops by itself, scored at 10 s and at the end.
    await fig.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => fig.getByText('Training finished.').count(), { timeout: 180_000, interval: 500 }).toBe(1);
    expect(Number(await loss.textContent())).toBeLessThan(first);
    // (How close to 20 s it ends depends on how long its last score takes: not asserted.)
    expect(Number(await seconds.textContent())).toBeGreaterThanOrEqual(10);
    await expect.poll(() => accuracy.textContent()).toMatch(/^\d+\.\d%$/);
    expect(Number(await accuracy.getAttribute('data-scored-at'))).toBeCloseTo(Number(await seconds.textContent()), 0);
    // Two scores on the chart of accuracy against seconds: after 10 s and at the end.
    await expect.poll(() => fig.locator('.chart-box svg circle').count()).toBe(2);
    expect(await fig.getByRole('button', { name: 'Finished' }).isDisabled()).toBe(true);
    // Start over: a fresh run, ready to train again.
    await fig.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => fig.getByRole('button', { name: 'Train from scratch' }).isEnabled()).toBe(true);
    await expect.poll(() => fig.locator('.chart-box svg circle').count()).toBe(0);
  });
});
