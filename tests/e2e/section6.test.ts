import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixture';
import { showFigure } from './browser';
import { decodeSafetensors } from '../../src/lib/engine/safetensors';
import { NYC_CITYWIDE } from '../../src/lib/data/nyc';
import { referenceOutput } from '../unit/models/reference-mlp';

// The trained knobs, read straight from the shipped file in the documented order, and the network's
// answer for a day computed independently in double precision.
const { tensors } = decodeSafetensors(new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors')));
const knobs = ['l1.weight', 'l1.bias', 'l2.weight', 'l2.bias', 'l3.weight', 'l3.bias'].flatMap((k) => Array.from(tensors.get(k)!.data));
const answer = (day: number) => Math.round(referenceOutput(knobs, 8, (2 * day) / 153 - 1) * Math.max(...NYC_CITYWIDE));

describe('figure 6: the handoff', () => {
  test('does not move by itself under reduced motion; the reader steps through the stages', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '6', '.stage');
    const stage = fig.locator('.stage');
    const first = await stage.textContent();
    await page.waitForTimeout(2000);
    expect(await stage.textContent()).toBe(first);
    expect(await fig.getByRole('button', { name: 'Play' }).count()).toBe(0);
    const next = fig.getByRole('button', { name: 'Next stage' });
    await next.click();
    await expect.poll(() => stage.textContent()).toMatch(/^Forward/);
    await next.click();
    await next.click();
    await expect.poll(() => stage.textContent()).toMatch(/^Backward/);
    await expect.poll(() => fig.locator('.back.lit').count()).toBe(1);
  });

  test('cycles on its own otherwise, and pauses', async ({ open }) => {
    const { page } = await open();
    const fig = await showFigure(page, '6', '.stage');
    const stage = fig.locator('.stage');
    // Every stage comes round by itself (a generous limit: under load the cycle may run slow).
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        seen.add((await stage.textContent())!.split(':')[0]);
        return seen;
      }, { timeout: 60_000, interval: 200 })
      .toEqual(new Set(['Forward', 'Score', 'Backward']));
    await fig.getByRole('button', { name: 'Pause' }).click();
    const held = await stage.textContent();
    await page.waitForTimeout(2000);
    expect(await stage.textContent()).toBe(held);
  });

  test('shows the trained network’s answer for the chosen day', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '6', '.stage');
    const day = fig.getByRole('slider', { name: /Day/ });
    for (const d of [37, 100]) {
      await day.fill(String(d));
      await expect.poll(async () => Math.abs(Number((await fig.locator('.output .detail').textContent())!.replace(/,/g, '')) - answer(d))).toBeLessThanOrEqual(1);
    }
    await expect.poll(() => fig.locator('.model .detail').textContent()).toBe('97 knobs');
  });
});
