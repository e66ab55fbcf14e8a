/**
 * The lecture in Firefox and WebKit (Chromium has the full suite in tests/e2e): load it, scroll
 * through, every figure draws, figure 5d trains in its worker, figure 7b reads an uploaded PNG and
 * gives the verdict the shipped CNN gives in Node, and no console error. A missing engine skips with
 * one printed line, except under CI=true, where it fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { photo } from '../../src/lib/data/cats-dogs';
import { FIGURES } from '../../src/lib/figures/registry';
import { cnnVerdict, png, test as testSet } from '../e2e/vision';
import { missing, openFirefox, openWebKit, type EnginePage } from './drivers';

const ENGINES = { firefox: openFirefox, webkit: openWebKit } as const;
/** Drawn, as tests/e2e/embed.test.ts has it: a canvas, a chart or a live number in the figure's body... */
const DRAWN = '.figure-body :is(canvas, svg, [data-readout])';
/** ...or, for the figures drawn in HTML alone, what the Chromium tests wait for in them. */
const READY: Record<string, string> = { '6': '.figure-body .stage', '12': '.figure-body a[data-figure-link]' };
const PHOTO = 250; // a test photo, uploaded as a 32 × 32 PNG: the page reads it back pixel for pixel

/** Poll `read` until `check` passes on its value (readouts are never read once). */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeout = 30_000): Promise<T> {
  let value!: T;
  await expect.poll(async () => check((value = await read())), { timeout, interval: 250, message: what }).toBe(true);
  return value;
}

for (const [engine, open] of Object.entries(ENGINES)) {
  const lacking = missing(engine as keyof typeof ENGINES);
  if (lacking.length && process.env.CI === 'true') {
    it(`${engine}: installed`, () => {
      throw new Error(`${engine} is needed under CI but missing: ${lacking.join(', ')} (.ci/run installs it from Debian)`);
    });
    continue;
  }
  if (lacking.length) console.log(`engines: SKIPPING ${engine}, not installed (${lacking.join(', ')}); Debian: apt-get install -y firefox-esr webkit2gtk-driver xvfb`);

  describe.skipIf(lacking.length > 0)(`the lecture in ${engine}`, () => {
    let page: EnginePage;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `engines-${engine}-`));
      page = await open(inject('baseURL') + '/');
    }, 180_000); // a browser and its driver starting on a machine busy with the other test files
    afterAll(async () => {
      await page?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('draws every figure while scrolling through', async () => {
      const ids = await page.run(() => [...document.querySelectorAll<HTMLElement>('[data-figure]')].map((f) => f.dataset.figure!));
      expect([...ids].sort()).toEqual(FIGURES.map((f) => f.id).sort());
      const height = await page.run(() => document.documentElement.scrollHeight);
      for (let y = 0; y < height; y += 700) await page.run((yy) => window.scrollTo(0, yy), y);
      for (const id of ids) {
        await until(
          () =>
            page.run(
              (fig, ready) => {
                const f = document.querySelector(`[data-figure="${fig}"]`)!;
                f.scrollIntoView({ block: 'center' });
                if (f.querySelector('.figure-error')) return 'failed';
                const shown = [...f.querySelectorAll(ready)].some((el) => {
                  const r = el.getBoundingClientRect();
                  return r.width > 0 && r.height > 0;
                });
                return shown ? 'drawn' : 'not yet';
              },
              id,
              READY[id] ?? DRAWN
            ),
          (state) => state !== 'not yet',
          `figure ${id} draws`,
          60_000
        ).then((state) => expect(state, `figure ${id}`).toBe('drawn'));
      }
    });

    it('trains figure 5d in its worker: Play moves the step count and the loss', async () => {
      const readouts = () =>
        page.run(() => {
          const f = document.querySelector('[data-figure="5d"]')!;
          f.scrollIntoView({ block: 'center' });
          const text = (n: string) => f.querySelector(`[data-readout="${n}"]`)?.textContent?.trim() ?? '';
          return { step: text('step'), loss: text('loss') };
        });
      const num = (s: string) => Number(s.replace(/,/g, '').replace(/\u2212/g, '-'));
      const before = await until(readouts, (r) => /^\d/.test(r.step), '5d shows its step count', 60_000);
      const pressed = await page.run((label) => {
        const b = [...document.querySelectorAll<HTMLButtonElement>('[data-figure="5d"] button')].find((x) => x.textContent?.trim() === label);
        b?.click();
        return !!b;
      }, 'Play');
      expect(pressed, 'a Play button in 5d').toBe(true);
      const after = await until(readouts, (r) => num(r.step) >= num(before.step) + 50 && r.loss !== before.loss, '5d trains', 60_000);
      expect(Number.isFinite(num(after.loss))).toBe(true);
      await page.run(() => [...document.querySelectorAll<HTMLButtonElement>('[data-figure="5d"] button')].find((x) => x.textContent?.trim() === 'Pause')?.click());
    });

    it('figure 7b reads an uploaded PNG and gives the verdict the shipped CNN gives', async () => {
      const file = join(dir, 'photo.png');
      writeFileSync(file, png(32, 32, photo(testSet, PHOTO)));
      const expected = cnnVerdict(photo(testSet, PHOTO));
      const readouts = () =>
        page.run(() => {
          const f = document.querySelector('[data-figure="7b"]')!;
          f.scrollIntoView({ block: 'center' });
          const text = (n: string) => f.querySelector(`[data-readout="${n}"]`)?.textContent?.trim() ?? '';
          return { status: text('upload-status'), prediction: text('prediction'), probability: text('probability') };
        });
      await until(readouts, (r) => r.probability !== '', '7b shows a verdict', 60_000);
      await page.upload('[data-figure="7b"] input[type="file"]', file);
      const after = await until(readouts, (r) => r.status.startsWith('Read your picture: 32 × 32 pixels') && r.probability === expected.probability, '7b reads the upload', 60_000);
      expect(after.prediction).toBe(expected.prediction);
    });

    it('logged no console error', async () => {
      expect(await page.errors()).toEqual([]);
    });
  });
}
