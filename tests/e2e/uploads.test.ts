/**
 * Figure 7b and the reader's own pictures of every wrong kind, each made here: an empty file, text
 * renamed .png, a PNG cut short, an iPhone HEIC, an 8000×8000 photo (averaged down, not refused), a header that
 * claims 30000×30000 (refused before decoding), an SVG carrying a script (never run). Each gets a
 * sentence in upload-status and no console error, and the figure then still classifies a gallery
 * photo and a good PNG. Then the camera, with Chromium's fake camera: a picture taken is classified
 * and the camera is switched off; a refused permission and a missing camera get a sentence.
 */
import { describe } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect, pollReadout, test, type LectureFixtures } from './fixture';
import { showFigure } from './browser';
import { photo } from '../../src/lib/data/cats-dogs';
import { cnnVerdict, hugePng, png, test as photos } from './vision';

// This file's Chromium has a fake camera that is always allowed.
test.override({ launchArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });

/** The lecture with figure 7b ready (its network loaded and a photo classified), in `browser` if given. */
async function open7b(open: LectureFixtures['open'], browser?: Browser) {
  const opened = await open({ browser });
  const fig = await showFigure(opened.page, '7b', '[data-readout="cnn-accuracy"]');
  await fig.locator('[data-readout="probability"]').waitFor({ timeout: 60_000 });
  return { ...opened, fig, status: fig.locator('[data-readout="upload-status"]') };
}
const upload = (fig: Locator, name: string, mimeType: string, buffer: Buffer) =>
  fig.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
const probability = (fig: Locator) => fig.locator('[data-readout="probability"]').textContent();

/** Test photo 250 enlarged 2× between grey bands (80×64): centre crop + 2×2 averaging gives it back exactly. */
function goodPng(): Buffer {
  const src = photo(photos, 250);
  const W = 80, H = 64, rgb = new Uint8Array(W * H * 3).fill(128);
  for (let y = 0; y < H; y++) for (let x = 8; x < 72; x++) {
    const s = (Math.floor(y / 2) * 32 + Math.floor((x - 8) / 2)) * 3;
    rgb.set(src.subarray(s, s + 3), (y * W + x) * 3);
  }
  return png(W, H, rgb);
}

describe('figure 7b: uploads of every wrong kind', () => {
  test('explains each bad file, runs no script, reads a huge photo by averaging it down, and keeps working', async ({ open }) => {
    const { page, fig, status } = await open7b(open);
    const good = goodPng();

    await upload(fig, 'empty.png', 'image/png', Buffer.alloc(0));
    await expect.poll(() => status.textContent()).toMatch(/That file is empty/);

    await upload(fig, 'notes.png', 'image/png', Buffer.from('Shopping list: milk, eggs, a cat toy.\n'));
    await expect.poll(() => status.textContent()).toMatch(/holds text, not an image/);

    await upload(fig, 'cut-short.png', 'image/png', good.subarray(0, Math.floor(good.length * 0.6)));
    await expect.poll(() => status.textContent()).toMatch(/That PNG is cut short/);

    // An iPhone's HEIC (its header, then junk: Chromium decodes no HEIC either way).
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(200, 7)]);
    await upload(fig, 'IMG_0001.HEIC', 'image/heic', heic);
    await expect.poll(() => status.textContent()).toMatch(/That is a HEIC photo .* Save or share it as a JPEG/);

    // A header claiming 30000 × 30000 pixels (900 megapixels): refused before anything is decoded.
    const bomb = Buffer.from(png(8, 8, new Uint8Array(8 * 8 * 3)));
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    await upload(fig, 'bomb.png', 'image/png', bomb);
    await expect.poll(() => status.textContent()).toMatch(/30000 × 30000 pixels \(900 megapixels\); this page reads pictures up to 110 megapixels/);

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>window.__svgRan = true; parent.__svgRan = true;</script><rect width="64" height="64" fill="red"/></svg>';
    await upload(fig, 'drawing.svg', 'image/svg+xml', Buffer.from(svg));
    await expect.poll(() => status.textContent()).toMatch(/That is an SVG drawing\. Drawings are not read here/);
    await upload(fig, 'drawing-in-disguise.png', 'image/png', Buffer.from(svg));
    await expect.poll(() => status.textContent()).toMatch(/That is an SVG drawing/);
    expect(await page.evaluate(() => (window as unknown as { __svgRan?: boolean }).__svgRan)).toBeUndefined();

    // 8000 × 8000 (64 megapixels): black above the middle, white below. Read, not refused; the
    // 32 × 32 it becomes is exactly 16 black rows over 16 white ones, so the verdict is known.
    await upload(fig, 'huge.png', 'image/png', hugePng(8000));
    await expect.poll(() => status.textContent(), { timeout: 30_000 })
      .toMatch(/^Read your picture: 8000 × 8000 pixels \(64 megapixels\), cropped to its centre square and averaged down to 32 × 32\.$/);
    const halves = new Uint8Array(32 * 32 * 3);
    halves.fill(255, 16 * 32 * 3);
    await expect.poll(() => probability(fig)).toBe(cnnVerdict(halves).probability);
    await pollReadout(page, '7b', 'prediction').toBe(cnnVerdict(halves).prediction);

    // Still working: a gallery photo, then a good PNG.
    await fig.getByRole('button', { name: /^Test photo 3, a dog/ }).click();
    await expect.poll(() => probability(fig)).toBe(cnnVerdict(photo(photos, 2)).probability);
    await upload(fig, 'good.png', 'image/png', good);
    await expect.poll(() => status.textContent()).toMatch(/^Read your picture: 80 × 64 pixels,/);
    await expect.poll(() => probability(fig)).toBe(cnnVerdict(photo(photos, 250)).probability);
    expect(await fig.innerText()).not.toMatch(/NaN/);
  });
});

/** Keep every stream the page opens, to check afterwards that its tracks were stopped. */
async function recordStreams(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { streams: MediaStream[] };
    w.streams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const s = await original(c);
      w.streams.push(s);
      return s;
    };
  });
}
const liveTracks = (page: Page) =>
  page.evaluate(() => (window as unknown as { streams: MediaStream[] }).streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
const streamCount = (page: Page) => page.evaluate(() => (window as unknown as { streams: MediaStream[] }).streams.length);

describe('figure 7b: the camera', () => {
  test('classifies a picture taken with the camera and switches the camera off (after Take picture and after Cancel)', async ({ open }) => {
    const { page, fig, status } = await open7b(open);
    await recordStreams(page);
    await fig.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => status.textContent()).toMatch(/The camera is on/);
    expect(await liveTracks(page)).toBe(1);
    const take = fig.getByRole('button', { name: 'Take picture' });
    await expect.poll(() => take.isEnabled(), { timeout: 30_000 }).toBe(true);
    await take.click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Took a picture with the camera: \d+ × \d+ pixels.*, cropped to its centre square and averaged down to 32 × 32\.$/);
    // The verdict and the description are now about the camera's picture.
    await expect.poll(() => fig.locator('#figure-7b-description').textContent(), { timeout: 30_000 }).toMatch(/For your picture it says (cat|dog) with probability/);
    await pollReadout(page, '7b', 'prediction').toMatch(/^(cat|dog)$/);
    expect(await fig.locator('figcaption').first().textContent()).toMatch(/yours, 32 × 32/);
    expect(await liveTracks(page)).toBe(0);
    expect(await fig.locator('video').count()).toBe(0);

    await fig.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => status.textContent()).toMatch(/The camera is on/);
    await fig.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status.textContent()).toMatch(/Camera switched off; no picture taken/);
    expect(await streamCount(page)).toBe(2);
    expect(await liveTracks(page)).toBe(0);
  });

  test('offers no camera button where the browser has no getUserMedia (e.g. a page not served over HTTPS)', async ({ open }) => {
    const { page } = await open();
    await page.addInitScript(() => Object.defineProperty(navigator, 'mediaDevices', { value: undefined }));
    await page.reload({ waitUntil: 'load' });
    const fig = await showFigure(page, '7b', '.gallery button');
    await fig.getByText('Your own picture…').waitFor();
    expect(await fig.getByRole('button', { name: 'Use camera' }).count()).toBe(0);
  });

  test('says so when the camera is refused, or when there is none', async ({ open, launch }) => {
    for (const [args, message] of [
      [['--use-fake-device-for-media-stream'], /The camera was not allowed/], // no fake "allow": headless Chromium refuses
      [['--use-fake-ui-for-media-stream'], /No camera was found on this device/] // allowed, but no (fake) device
    ] as const) {
      const { fig, status } = await open7b(open, await launch([...args]));
      await fig.getByRole('button', { name: 'Use camera' }).click();
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(message);
      expect(await fig.getByRole('button', { name: 'Use camera' }).isEnabled()).toBe(true);
    }
  });
});
