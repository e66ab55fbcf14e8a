import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, openLecture, showFigure } from './browser';
import { decodeSafetensors } from '../../src/lib/engine/safetensors';
import { NYC_CITYWIDE } from '../../src/lib/data/nyc';
import { referenceOutput } from '../unit/models/reference-mlp';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

// The trained knobs, read straight from the shipped file in the documented order, and the network's
// answer for a day computed independently in double precision.
const { tensors } = decodeSafetensors(new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors')));
const knobs = ['l1.weight', 'l1.bias', 'l2.weight', 'l2.bias', 'l3.weight', 'l3.bias'].flatMap((k) => Array.from(tensors.get(k)!.data));
const answer = (day: number) => Math.round(referenceOutput(knobs, 8, (2 * day) / 153 - 1) * Math.max(...NYC_CITYWIDE));

describe('figure 6: the handoff', () => {
  it('does not move by itself under reduced motion; the reader steps through the stages', async () => {
    const { page, context, errors } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '6', '.stage');
    const stage = fig.locator('.stage');
    const first = await stage.textContent();
    await page.waitForTimeout(2000);
    expect(await stage.textContent()).toBe(first);
    expect(await fig.getByRole('button', { name: 'Play' }).count()).toBe(0);
    const next = fig.getByRole('button', { name: 'Next stage' });
    await next.click();
    await expect(stage.textContent()).resolves.toMatch(/^Forward/);
    await next.click();
    await next.click();
    await expect(stage.textContent()).resolves.toMatch(/^Backward/);
    expect(await fig.locator('.back.lit').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cycles on its own otherwise, and pauses', async () => {
    const { page, context } = await openLecture(browser);
    const fig = await showFigure(page, '6', '.stage');
    const stage = fig.locator('.stage');
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 3; i++) {
      seen.add((await stage.textContent())!.split(':')[0]);
      await page.waitForTimeout(500);
    }
    expect(seen).toEqual(new Set(['Forward', 'Score', 'Backward']));
    await fig.getByRole('button', { name: 'Pause' }).click();
    const held = await stage.textContent();
    await page.waitForTimeout(2000);
    expect(await stage.textContent()).toBe(held);
    await context.close();
  });

  it('shows the trained network’s answer for the chosen day', async () => {
    const { page, context } = await openLecture(browser, { reducedMotion: 'reduce' });
    const fig = await showFigure(page, '6', '.stage');
    const day = fig.getByRole('slider', { name: /Day/ });
    for (const d of [37, 100]) {
      await day.fill(String(d));
      await expect.poll(async () => Math.abs(Number((await fig.locator('.output .detail').textContent())!.replace(/,/g, '')) - answer(d))).toBeLessThanOrEqual(1);
    }
    await expect(fig.locator('.model .detail').textContent()).resolves.toBe('97 knobs');
    await context.close();
  });
});
