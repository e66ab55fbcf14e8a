/**
 * The /bench page (issue 21 item 5): it trains the engine's three benchmark workloads in the
 * reader's browser and shows their rates; "Compare" loads TF.js and jax-js there, whose losses at
 * the shared starting weights must be the engine's; the lecture itself never fetches either
 * library. A few steps per round (?steps=), nothing timed: the rates are only checked to exist.
 */
import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, seriousAxeFindings, test } from './fixture';
import { builtFiles } from './built-pages';
import { scrollThrough, started } from './browser';
import { engineTrainer } from '$lib/models/bench/engine';
import { sameLoss } from '$lib/models/bench/measure';
import type { WorkloadName } from '$lib/models/bench/workloads';

const WORKLOADS: WorkloadName[] = ['mlp', 'attention', 'cnn'];

/**
 * The built files that hold TF.js or jax-js: their .wasm files, and the chunks with a string each
 * library's code carries (TF.js's threaded wasm factory, jax-js's wasm worker pool).
 */
function peerFiles(): string[] {
  return builtFiles('build/_app')
    .filter((f) => /tfjs-backend-wasm.*\.wasm$/.test(f) || (f.endsWith('.js') && /WasmBackendModuleThreadedSimd|Unknown wasm worker message/.test(readFileSync(f, 'utf8'))))
    .map((f) => path.basename(f));
}

/** Every file name the page (and its workers) asks for from now on. */
function requested(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => names.push(path.basename(new URL(r.url()).pathname)));
  return names;
}

async function waitUntilDone(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const error = page.locator('[data-bench-error]');
      if (await error.count()) return `error: ${await error.textContent()}`;
      return ((await page.locator('[data-bench-status]').textContent()) ?? '').trim();
    }, { timeout: 240_000, message: 'the benchmark finishes' })
    .toBe('Done.');
}

const side = (page: Page, workload: WorkloadName, name: string) => page.locator(`[data-workload="${workload}"] [data-side="${name}"]`);

describe('/bench', () => {
  test('runs the engine’s three workloads in a worker at 320 px and shows steps/s and GFLOP/s for each', async ({ open }) => {
    const { page } = await open({ path: '/bench?steps=2&rounds=2', width: 320, height: 700 });
    // From the keyboard: the button takes focus and Enter starts the run.
    await page.getByRole('button', { name: 'Run the engine' }).focus();
    await page.keyboard.press('Enter');
    await waitUntilDone(page);
    expect(await seriousAxeFindings(page)).toEqual([]);
    for (const w of WORKLOADS) {
      const engine = side(page, w, 'engine');
      await expect.poll(() => engine.count()).toBe(1);
      expect(Number(await engine.getAttribute('data-rate'))).toBeGreaterThan(0);
      expect(Number(await engine.getAttribute('data-gflops'))).toBeGreaterThan(0);
      expect(await engine.locator('[data-readout="rate"]').textContent()).toMatch(/\d/);
      // The loss the page reports is the engine's own at the shared weights, as Node computes it.
      expect(sameLoss(Number(await engine.getAttribute('data-loss')), await engineTrainer(w).loss())).toBe(true);
      // No peer ran.
      expect(await page.locator(`[data-workload="${w}"] [data-side]`).count()).toBe(1);
    }
    // Nothing runs wider than the 320 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test('Compare: TF.js and jax-js, loaded on this page, start from the engine’s loss on every workload', async ({ open }) => {
    const { page } = await open({ path: '/bench?steps=1&rounds=1' });
    const names = requested(page);
    await page.getByRole('button', { name: 'Compare with TF.js and jax-js' }).click();
    await waitUntilDone(page);
    for (const w of WORKLOADS) {
      const engineLoss = Number(await side(page, w, 'engine').getAttribute('data-loss'));
      // Against Node's own run of the engine's model: the page's number is computed, not copied.
      expect(sameLoss(engineLoss, await engineTrainer(w).loss()), `${w}: engine`).toBe(true);
      for (const peer of ['tfjs', 'jax']) {
        const row = side(page, w, peer);
        const loss = Number(await row.getAttribute('data-loss'));
        expect(Number.isFinite(loss), `${w}: ${peer} loss`).toBe(true);
        expect(sameLoss(loss, engineLoss), `${w}: ${peer} starts at ${loss}, the engine at ${engineLoss}`).toBe(true);
        expect(Number(await row.getAttribute('data-rate'))).toBeGreaterThan(0);
        expect(Number(await row.getAttribute('data-ratio'))).toBeGreaterThan(0);
      }
    }
    await expect.poll(() => page.locator('[data-setup="tfjs"]').textContent()).toMatch(/TensorFlow\.js 4\.22\.0, wasm backend/);
    await expect.poll(() => page.locator('[data-setup="jax"]').textContent()).toMatch(/jax-js 0\.1\.25, wasm backend.*jit/);
    // The peers' code came from files of this site (the fixture refuses other origins), and the
    // files peerFiles() names are the ones fetched: the next test's check can see them.
    const peers = peerFiles();
    expect(peers.length).toBeGreaterThan(1);
    expect(names.filter((n) => peers.includes(n)).length).toBeGreaterThan(0);
  });

  test('the lecture, scrolled through with every figure loaded, never fetches TF.js or jax-js', async ({ open }) => {
    const peers = peerFiles();
    expect(peers.length).toBeGreaterThan(1);
    // Without the service worker, every request reaches the page's request event.
    const { page } = await open({ serviceWorkers: 'block' });
    const names = requested(page);
    await page.reload({ waitUntil: 'load' });
    await started(page);
    await scrollThrough(page);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => peers.includes(n))).toEqual([]);
  });
});
