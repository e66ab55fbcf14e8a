import { describe } from 'vitest';
import { expect, expectAnswersKey, pollReadout, readNumber, readText, test, expectWorker } from './fixture';
import { showFigure } from './browser';

describe('figure 8a: the rigid rule', () => {
  test('keeps it·animal and it·street fixed when tired becomes wide, and moves it·adjective', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '8a', '[data-readout="it-animal-dot"]');
    const before = [await readText(page, '8a', 'it-animal-dot'), await readText(page, '8a', 'it-street-dot'), await readText(page, '8a', 'it-adjective-dot')];
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await expect.poll(() => fig.getByRole('combobox', { name: 'last word' }).inputValue()).toBe('wide');
    await pollReadout(page, '8a', 'it-adjective-dot').not.toBe(before[2]);
    expect(await readText(page, '8a', 'it-animal-dot')).toBe(before[0]);
    expect(await readText(page, '8a', 'it-street-dot')).toBe(before[1]);
  });
});

describe('figure 8b: learned attention', () => {
  test('switching tired ↔ wide moves "it" from animal to street', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await pollReadout(page, '8b', 'it-attends-to').toBe('animal');
    expect(await readNumber(page, '8b', 'it-weight')).toBeGreaterThan(0.5);
    await fig.getByRole('button', { name: /switch to “wide”/ }).click();
    await pollReadout(page, '8b', 'it-attends-to').toBe('street');
    expect(await readNumber(page, '8b', 'it-weight')).toBeGreaterThan(0.5);
    await pollReadout(page, '8b', 'answer').toBe('street');
    await fig.getByRole('button', { name: /switch to “tired”/ }).click();
    await pollReadout(page, '8b', 'it-attends-to').toBe('animal');
  });

  test('the step-through reads real numbers by keyboard: the softmax row of "it" sums to 1', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await fig.getByText(/Step through layer 2/).click();
    await fig.getByRole('button', { name: 'show all' }).click();
    const grid = fig.getByRole('group', { name: /^softmax, 10 by 10/ });
    await grid.focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown'); // row 8: "it"
    let sum = 0;
    const cell = fig.locator('[data-readout="cell-softmax"]');
    for (let c = 0; c < 10; c++) {
      // The key's handler rewrites the readout before the key press returns: no wait can change it.
      if (c > 0) await page.keyboard.press('ArrowRight');
      sum += Number(await cell.textContent());
    }
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
  });

  test('replays training in a worker while the page answers keys', async ({ open }) => {
    const { page } = await open();
    const handoff = await showFigure(page, '6', '.stage');
    const fig = await showFigure(page, '8b', '[data-readout="it-attends-to"]');
    await fig.getByText(/Train it again/).click();
    await fig.getByRole('button', { name: 'Play' }).click();
    // The replay runs in its own worker script, not on the page.
    await expectWorker(page, 'attention-train');
    await expect.poll(() => readNumber(page, '8b', 'train-step')).toBeGreaterThan(0);
    // While it trains, a key on figure 6's day slider is answered at once, and the training goes on.
    await expectAnswersKey(handoff.getByRole('slider', { name: /Day/ }));
    const stepThen = await readNumber(page, '8b', 'train-step');
    await expect.poll(() => readNumber(page, '8b', 'train-step'), { timeout: 120_000 }).toBeGreaterThan(Math.max(150, stepThen));
    expect(await readNumber(page, '8b', 'train-loss')).toBeLessThan(1);
  });
});
