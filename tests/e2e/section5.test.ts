import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const noBadNumbers = (text: string | null) => expect(text ?? '').not.toMatch(/NaN|Infinity/);

describe('figure 5a: the ball', () => {
  it('converges at a tiny η and reports "diverged" at a huge one, without NaN, and resets', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '5a', '[data-readout="status"]');
    const status = fig.locator('[data-readout="status"]');
    expect(await status.textContent()).toBe('ready');
    const lr = fig.getByRole('slider', { name: /Learning rate/ });
    await lr.focus();
    await page.keyboard.press('Home'); // η = 0.001
    expect(await fig.locator('[data-readout="lr"]').textContent()).toBe('0.00100');
    const step = fig.getByRole('button', { name: 'Step' });
    for (let i = 0; i < 10; i++) await step.click();
    expect(await fig.locator('[data-readout="steps"]').textContent()).toBe('10');
    expect(await status.textContent()).toBe('converging');

    await fig.getByRole('button', { name: 'Reset' }).click();
    await lr.focus();
    await page.keyboard.press('End'); // η = 10, far beyond 2/L″ = 1 for the output bias
    await step.click();
    await expect.poll(() => status.textContent()).toBe('diverged');
    await expect(fig.getByRole('alert').textContent()).resolves.toMatch(/Lower η/);
    noBadNumbers(await fig.textContent());
    expect(await fig.getByRole('button', { name: 'Step' }).isDisabled()).toBe(true);

    // The way back: lower η and reset.
    await page.keyboard.press('Home');
    await fig.getByRole('alert').getByRole('button', { name: 'reset' }).click();
    expect(await status.textContent()).toBe('ready');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 5b: the landscape', () => {
  it('races the three optimisers from the default start; Adam ends lower than gradient descent', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '5b', '[data-readout="steps"]');
    await expect.poll(() => fig.locator('[data-readout="steps"]').textContent(), { timeout: 30_000 }).toBe('150');
    const read = async (k: string) => Number(await fig.locator(`[data-readout="loss-${k}"]`).textContent());
    const [gd, momentum, adam] = [await read('gd'), await read('momentum'), await read('adam')];
    expect(adam).toBeLessThan(gd);
    expect(Number(await fig.locator('[data-readout="loss"]').textContent())).toBe(Math.min(gd, momentum, adam));
    await expect(fig.locator('.verdict').textContent()).resolves.toMatch(/After 150 steps/);
    expect(await fig.locator('path.contour').count()).toBeGreaterThan(5);
    // Clicking the landscape starts a new race from there.
    const box = (await fig.locator('rect.hit').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await expect.poll(() => fig.locator('[data-readout="steps"]').textContent(), { timeout: 30_000 }).toBe('150');
    noBadNumbers(await fig.textContent());
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 5c: backprop', () => {
  it('reveals values forward and gradients backward, and the nudge check agrees to 1e-3', async () => {
    const { page, context, errors } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '5c', '[data-readout="max-grad-error"]');
    expect(await fig.locator('[data-readout="loss"]').textContent()).toBe('—');
    const pending = () => fig.locator('.node.pending').count();
    expect(await pending()).toBe(12);
    await fig.getByRole('button', { name: 'Forward step' }).click();
    expect(await pending()).toBe(11);
    await fig.getByRole('button', { name: 'Whole sweep' }).click();
    await expect.poll(pending).toBe(0);
    await expect.poll(() => fig.locator('.edge.passed').count()).toBeGreaterThan(10);
    await fig.getByRole('button', { name: 'Check with nudges' }).click();
    const error = Number(await fig.locator('[data-readout="max-grad-error"]').textContent());
    expect(error).toBeLessThan(1e-3);
    expect(await fig.locator('table.check tbody tr').count()).toBe(7);
    // A gradient step lowers this day's loss.
    const before = Number(await fig.locator('[data-readout="loss"]').textContent());
    await fig.getByRole('button', { name: /Take one step downhill/ }).click();
    await fig.getByRole('button', { name: 'Whole sweep' }).click();
    await expect.poll(async () => Number(await fig.locator('[data-readout="loss"]').textContent())).toBeLessThan(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('figure 5d: training live', () => {
  it('lowers the loss tenfold within 30 s with no long task on the main thread, and pausing stops the steps', async () => {
    const { page, context, errors } = await openLecture(browser);
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    const loss = fig.locator('[data-readout="loss"]');
    const step = fig.locator('[data-readout="step"]');
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => step.textContent()).toBe('1');
    const first = Number(await loss.textContent());
    expect(first).toBeGreaterThan(0);

    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await loss.textContent()), { timeout: 30_000, interval: 250 }).toBeLessThanOrEqual(first / 10);
    expect(Date.now() - started).toBeLessThan(30_000);
    await page.waitForTimeout(1000);
    expect(Number((await fig.locator('[data-readout="steps-per-second"]').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(longTasks).toEqual([]);

    await fig.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(300); // let the last report arrive
    const paused = await step.textContent();
    await page.waitForTimeout(1200);
    expect(await step.textContent()).toBe(paused);
    expect(await fig.locator('[data-readout="steps-per-second"]').textContent()).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a learning rate far too large stops training with a message and a way back', async () => {
    const { page, context } = await openLecture(browser);
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    await fig.getByRole('button', { name: 'Gradient descent' }).click();
    const lr = fig.getByRole('slider', { name: /Learning rate/ });
    await lr.focus();
    await page.keyboard.press('End'); // η = 10
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => fig.getByRole('status').first().textContent(), { timeout: 15_000 }).toMatch(/too large|blew up/);
    noBadNumbers(await fig.textContent());
    await page.keyboard.press('Home');
    await fig.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => fig.locator('[data-readout="step"]').textContent()).toBe('0');
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => fig.locator('[data-readout="step"]').textContent()).toBe('1');
    await context.close();
  });
});
