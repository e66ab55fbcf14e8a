import { describe } from 'vitest';
import { expect, pollReadout, readNumber, readText, test, expectWorker, openMore } from './fixture';
import { showFigure } from './browser';

const noBadNumbers = (text: string | null) => expect(text ?? '').not.toMatch(/NaN|Infinity/);

describe('figure 5a: the ball', () => {
  test('converges at a tiny η and reports "diverged" at a huge one, without NaN, and resets', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '5a', '[data-readout="status"]');
    await pollReadout(page, '5a', 'status').toBe('ready');
    const lr = fig.getByRole('slider', { name: /Learning rate/ });
    await lr.focus();
    await page.keyboard.press('Home'); // η = 0.001
    await pollReadout(page, '5a', 'lr').toBe('0.00100');
    const step = fig.getByRole('button', { name: 'Step' });
    for (let i = 0; i < 10; i++) await step.click();
    await pollReadout(page, '5a', 'steps').toBe('10');
    await pollReadout(page, '5a', 'status').toBe('converging');

    await openMore(fig);
    await fig.getByRole('button', { name: 'Reset' }).click();
    await lr.focus();
    await page.keyboard.press('End'); // η = 10, far beyond 2/L″ = 1 for the output bias
    await step.click();
    await pollReadout(page, '5a', 'status').toBe('diverged');
    await expect.poll(() => fig.getByRole('alert').textContent()).toMatch(/Lower η/);
    noBadNumbers(await fig.textContent());
    expect(await fig.getByRole('button', { name: 'Step' }).isDisabled()).toBe(true);

    // The way back: lower η and reset.
    await page.keyboard.press('Home');
    await fig.getByRole('alert').getByRole('button', { name: 'reset' }).click();
    await pollReadout(page, '5a', 'status').toBe('ready');
  });
});

describe('figure 5b: the landscape', () => {
  test('races the three optimisers from the default start; Adam ends lower than gradient descent', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '5b', '[data-readout="steps"]');
    await pollReadout(page, '5b', 'steps', 60_000).toBe('150');
    const [gd, momentum, adam] = [await readNumber(page, '5b', 'loss-gd'), await readNumber(page, '5b', 'loss-momentum'), await readNumber(page, '5b', 'loss-adam')];
    expect(adam).toBeLessThan(gd);
    expect(await readNumber(page, '5b', 'loss')).toBe(Math.min(gd, momentum, adam));
    await expect.poll(() => fig.locator('.verdict').textContent()).toMatch(/After 150 steps/);
    expect(await fig.locator('path.contour').count()).toBeGreaterThan(5);
    // Clicking the landscape starts a new race from there.
    const box = (await fig.locator('rect.hit').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await pollReadout(page, '5b', 'steps', 60_000).toBe('150');
    noBadNumbers(await fig.textContent());
    // The keyboard's way: arrows move the start by 0.05 (Shift: 0.25), Enter races from it.
    const plane = fig.getByRole('slider', { name: /Start of the race/ });
    const start = async () => ((await plane.getAttribute('aria-valuetext'))!.match(/-?\d+\.\d+/g) ?? []).map(Number);
    const [a0, b0] = await start();
    await plane.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(start).toEqual([Number((a0 + 0.05).toFixed(2)), Number((b0 - 0.25).toFixed(2))]);
    // The last race's verdict no longer holds for the moved start, and the figure says so.
    await expect.poll(() => fig.locator('.verdict').textContent()).toMatch(/has changed since the last race/);
    await page.keyboard.press('Enter');
    await pollReadout(page, '5b', 'steps', 60_000).toBe('150');
    const [a1, b1] = await start();
    await expect
      .poll(() => page.locator('#figure-5b-description').textContent())
      .toMatch(new RegExp(`Walks start at \\(${a1.toFixed(2)}, ${b1.toFixed(2)}\\)\\. After 150 steps`));
  });
});

describe('figure 5c: backprop', () => {
  test('reveals values forward and gradients backward, and the nudge check agrees to 1e-3', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '5c', '[data-readout="max-grad-error"]');
    await pollReadout(page, '5c', 'loss').toBe('—');
    const pending = () => fig.locator('.node.pending').count();
    await expect.poll(pending).toBe(12);
    await fig.getByRole('button', { name: 'Forward step' }).click();
    await expect.poll(pending).toBe(11);
    await fig.getByRole('button', { name: 'Whole sweep' }).click();
    await expect.poll(pending).toBe(0);
    await expect.poll(() => fig.locator('.edge.passed').count()).toBeGreaterThan(10);
    await openMore(fig);
    await fig.getByRole('button', { name: 'Check with nudges' }).click();
    expect(await readNumber(page, '5c', 'max-grad-error')).toBeLessThan(1e-3);
    expect(await fig.locator('table.check tbody tr').count()).toBe(7);
    // A gradient step lowers this day's loss.
    const before = await readNumber(page, '5c', 'loss');
    await fig.getByRole('button', { name: /Take one step downhill/ }).click();
    await fig.getByRole('button', { name: 'Whole sweep' }).click();
    await expect.poll(() => readNumber(page, '5c', 'loss')).toBeLessThan(before);
  });
});

describe('figure 5d: training live', () => {
  test('trains in a worker, lowering the loss tenfold while the page answers keys, and pausing stops the steps', async ({ open }) => {
    const { page } = await open();
    const ball = await showFigure(page, '5a', '[data-readout="lr"]');
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    // The training runs in the figure's own worker script, not on the page.
    await expectWorker(page, 'mlp-train');
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await pollReadout(page, '5d', 'step').toBe('1');
    const first = await readNumber(page, '5d', 'loss');
    expect(first).toBeGreaterThan(0);

    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number((await readText(page, '5d', 'step')).replace(/,/g, ''))).toBeGreaterThan(1);
    // While it trains, a key on another figure's control is answered, and the training goes on.
    const lrBefore = await readText(page, '5a', 'lr');
    await ball.getByRole('slider', { name: /Learning rate/ }).focus();
    await page.keyboard.press('Home');
    await pollReadout(page, '5a', 'lr').not.toBe(lrBefore);
    const stepThen = Number((await readText(page, '5d', 'step')).replace(/,/g, ''));
    await expect.poll(async () => Number((await readText(page, '5d', 'step')).replace(/,/g, ''))).toBeGreaterThan(stepThen);
    await expect.poll(() => readNumber(page, '5d', 'loss'), { timeout: 120_000, interval: 250 }).toBeLessThanOrEqual(first / 10);
    expect(await readNumber(page, '5d', 'steps-per-second')).toBeGreaterThan(0);

    await fig.getByRole('button', { name: 'Pause' }).click();
    // The worker's answer to the pause reports no rate; nothing follows it.
    await pollReadout(page, '5d', 'steps-per-second').toBe('0');
    const paused = await readText(page, '5d', 'step');
    await page.waitForTimeout(1200);
    expect(await readText(page, '5d', 'step')).toBe(paused);
  });

  test('a learning rate far too large stops training with a message and a way back', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    await openMore(fig);
    await fig.getByRole('button', { name: 'Gradient descent' }).click();
    const lr = fig.getByRole('slider', { name: /Learning rate/ });
    await lr.focus();
    await page.keyboard.press('End'); // η = 10
    await fig.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => fig.getByRole('status').first().textContent(), { timeout: 30_000 }).toMatch(/too large|blew up/);
    noBadNumbers(await fig.textContent());
    await page.keyboard.press('Home');
    await fig.getByRole('button', { name: 'Reset' }).click();
    await pollReadout(page, '5d', 'step').toBe('0');
    await fig.getByRole('button', { name: 'Step', exact: true }).click();
    await pollReadout(page, '5d', 'step').toBe('1');
  });
});
