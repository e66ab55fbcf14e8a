import { describe } from 'vitest';
import { Mlp } from '../../src/lib/models/mlp/mlp';
import { NYC_TASK } from '../../src/lib/models/mlp/nyc-curve-task';
import { BENDING_START_SEED } from '../../src/lib/models/knobs/knob-desk';
import type { Page } from 'playwright-core';
import { expect, parseNumber, pollReadout, readNumber, readText, test, openMore, openOwnDataPanel, seriousAxeFindings } from './fixture';
import { showFigure } from './browser';
import { readFile } from 'node:fs/promises';
import { OUTBREAK, OUTBREAK_R0, outbreakCounts, outbreakCsv } from '../support/synthetic-outbreak';
import { decodeSafetensors } from '../../src/lib/engine/safetensors';

const status = (page: Page) => page.locator('[data-readout="data-status"]');

describe('your own curve: a CSV of daily counts', () => {
  test('refuses a binary file and a too-short one with a sentence; pasted text with gaps and a dropped running total get offers', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const input = await openOwnDataPanel(page);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]);
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/not text/);
    const short = ['date,cases', ...Array.from({ length: 10 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},${i}`)].join('\n');
    await input.setInputFiles({ name: 'short.csv', mimeType: 'text/csv', buffer: Buffer.from(short) });
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/10 days; the figures need at least 20/);

    const gappy = ['day\tvisits', ...Array.from({ length: 30 }, (_, i) => (i === 12 ? '' : `${i + 1}.3.2024\t${100 + i}`)).filter(Boolean)].join('\n');
    await page.locator('textarea[data-input="own-paste"]').fill(gappy);
    await page.locator('[data-action="read-paste"]').click();
    await expect.poll(() => status(page).textContent()).toMatch(/^1 day is missing/);
    await page.locator('[data-action="fill-gaps"]').click();
    await expect.poll(() => status(page).textContent()).toMatch(/^Ready: 30 days, 2024-03-01 to 2024-03-30/);

    // Slash dates no day above 12 can settle: month first by default, day first when the reader says so.
    await page.locator('textarea[data-input="own-paste"]').fill(['date,n', '1/1/2024,5', '1/2/2024,6', '1/3/2024,7'].join('\n'));
    await page.locator('[data-action="read-paste"]').click();
    await expect.poll(() => status(page).textContent()).toMatch(/has 3 days/);
    await page.locator('select[data-input="day-order"]').selectOption('dmy');
    await expect.poll(() => status(page).textContent()).toMatch(/^58 days are missing between 2024-01-01 and 2024-03-01/);

    // A running total dropped on the drop zone: detected, and offered as daily differences.
    let total = 0;
    const cumulative = ['Date,Total', ...Array.from({ length: 40 }, (_, i) => `${i + 1 > 31 ? 4 : 3}/${((i % 31) + 1)}/2024,${(total += 10 + (i % 5))}`)].join('\n');
    await page.locator('[data-own-data] .drop').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'total.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, cumulative);
    await expect.poll(() => status(page).textContent()).toMatch(/^Ready: 40 days, 2024-03-01 to 2024-04-09/);
    const difference = page.locator('input[data-input="difference"]');
    await difference.check();
    await expect.poll(() => status(page).textContent()).toMatch(/^Ready: 39 days, 2024-03-02 to 2024-04-09; 4\d\d in all/);
  });

  test('refits figure 2c to an uploaded synthetic outbreak (R₀ within 10%), trains figure 5d on it, and goes back to New York in one click', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const input = await openOwnDataPanel(page);
    await input.setInputFiles({ name: 'outbreak.csv', mimeType: 'text/csv', buffer: Buffer.from(outbreakCsv(1)) });
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Ready: ${OUTBREAK.days} days, ${OUTBREAK.start}`));
    await page.locator('input[data-input="series-name"]').fill('Synthetic outbreak');
    await page.locator('[data-action="use-series"]').click();
    await expect.poll(() => page.locator('[data-readout="active-series"]').textContent()).toBe('Synthetic outbreak');

    // Figure 1a and every figure that uses the series name it in the caption.
    const fig1a = await showFigure(page, '1a', '[data-readout="cases"]');
    await expect.poll(() => fig1a.locator('[data-readout="figure-data"]').textContent()).toMatch(/^Data: Synthetic outbreak \(your file outbreak\.csv\)/);
    const fig1b = await showFigure(page, '1b');
    await pollReadout(page, '1b', 'borough-note').toMatch(/New York only/);
    // Figure 1c's lookup machine answers from the outbreak: its dial starts on the outbreak's peak.
    const counts = outbreakCounts(1);
    await showFigure(page, '1c', '[data-readout="machine-output"]');
    await expect.poll(async () => (await readText(page, '1c', 'machine-output')).replace(/,/g, '')).toBe(String(Math.max(...counts)));
    await showFigure(page, '3a', '[data-readout="holdout-error"]');
    await pollReadout(page, '3a', 'figure-data').toMatch(/Synthetic outbreak/);

    // Figure 2c: the default window (a stated rule) and gradient descent from the default start.
    const fig2c = await showFigure(page, '2c', '[data-readout="loss"]');
    await pollReadout(page, '2c', 'figure-data').toMatch(/Synthetic outbreak/);
    await pollReadout(page, '2c', 'window-rule').toMatch(/2% of its peak/);
    const fit = fig2c.getByRole('button', { name: 'Fit from here' });
    await expect.poll(() => fit.isEnabled(), { timeout: 60_000 }).toBe(true);
    await fit.click();
    await expect.poll(() => fig2c.locator('p.status').textContent(), { timeout: 240_000, interval: 1000 }).toMatch(/^(Converged|Stopped) after/);
    const r0 = await readNumber(page, '2c', 'r0');
    expect(Math.abs(r0 - OUTBREAK_R0) / OUTBREAK_R0).toBeLessThan(0.1);

    // Figure 5d: its dots are the outbreak's days, and it trains on them.
    const fig5d = await showFigure(page, '5d', '[data-readout="step"]');
    await pollReadout(page, '5d', 'figure-data').toMatch(/Synthetic outbreak/);
    await expect.poll(() => fig5d.locator('circle.dot').count()).toBe(OUTBREAK.days);
    const loss = fig5d.locator('[data-readout="loss"]');
    const step = fig5d.locator('[data-readout="step"]');
    await fig5d.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => step.textContent(), { timeout: 60_000 }).toBe('1');
    const first = await readNumber(page, '5d', 'loss');
    await fig5d.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => parseNumber((await loss.textContent()) ?? ''), { timeout: 120_000, interval: 500 }).toBeLessThanOrEqual(first / 10);
    await fig5d.getByRole('button', { name: 'Pause' }).click();

    // The export: the fit of 2c as JSON, the network of 5d as safetensors (behind More controls).
    await openMore(fig5d);
    const saved = async (action: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), fig5d.locator(`[data-action="${action}"]`).click()]);
      return readFile((await download.path())!);
    };
    const sir = JSON.parse((await saved('export-sir')).toString('utf8'));
    expect(sir.series).toBe('Synthetic outbreak');
    expect(sir.R0.toFixed(2)).toBe(r0.toFixed(2));
    const { tensors, metadata } = decodeSafetensors(new Uint8Array(await saved('export-network')));
    expect(metadata).toMatchObject({ series: 'Synthetic outbreak', days: String(OUTBREAK.days), width: '8' });
    expect(tensors.get('l1.weight')?.shape).toEqual([1, 8]);

    // One click back: the figures show New York again.
    await page.locator('[data-action="back-to-nyc"]').click();
    await expect.poll(() => fig2c.locator('[data-readout="figure-data"]').textContent()).toMatch(/^Data: New York City/);
    await expect.poll(() => fig5d.locator('circle.dot').count(), { timeout: 20_000 }).toBe(154);
  });

  test("trains figure 4a's network on the reader's series, and going back to New York (while it trains, or after) shows New York's without an error", async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const input = await openOwnDataPanel(page);
    await input.setInputFiles({ name: 'outbreak.csv', mimeType: 'text/csv', buffer: Buffer.from(outbreakCsv(2)) });
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/^Ready/);
    await page.locator('[data-action="use-series"]').click();
    const fig4a = page.locator('[data-figure="4a"]');
    await fig4a.scrollIntoViewIfNeeded();
    await expect.poll(() => fig4a.locator('[data-readout="series-network"]').textContent(), { timeout: 60_000 }).toMatch(/Training the network on your series|trained in your browser/);
    await page.locator('[data-action="back-to-nyc"]').click();
    await expect.poll(() => fig4a.locator('[data-readout="figure-data"]').textContent()).toMatch(/^Data: New York City/);
    // New York's network at the random start 4a opens on (the seed knob-desk.ts picks because it bends).
    const { width } = JSON.parse(await readFile('static/models/nyc-mlp.json', 'utf8'));
    await pollReadout(page, '4a', 'loss', 60_000).toBe(new Mlp(width, BENDING_START_SEED).loss(NYC_TASK).toPrecision(3));
    expect(await fig4a.locator('[data-readout="series-network"]').count()).toBe(0);
    await page.waitForTimeout(1000);
  });

  test('has no serious or critical accessibility violation in the open control, light and dark', async ({ open }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open({ reducedMotion: 'reduce', colorScheme });
      const input = await openOwnDataPanel(page);
      await input.setInputFiles({ name: 'outbreak.csv', mimeType: 'text/csv', buffer: Buffer.from(outbreakCsv(1)) });
      await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/^Ready/);
      await page.locator('[data-action="use-series"]').click();
      await showFigure(page, '1a', '[data-readout="cases"]');
      expect(await seriousAxeFindings(page, ['[data-own-data]', '[data-figure="1a"]'])).toEqual([]);
    }
  });
});
