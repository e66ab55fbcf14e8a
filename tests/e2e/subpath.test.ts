/**
 * The lecture published under a sub-path, as on a course's web space: built once with
 * BASE_PATH=/courses/ml101/handoff into build-subpath/ (build/, which the other tests serve, is left
 * alone), served by a small static server that answers only under that path, and walked in Chromium.
 * Every request the page makes must stay under the path and be found there.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { expect, readText, test } from './fixture';
import { showFigure } from './browser';

const BASE = '/courses/ml101/handoff';
const OUT = 'build-subpath';
const ROOT = resolve(OUT);
/** The default server takes E2E_PORT; this one the next port. */
const PORT = Number(process.env.E2E_PORT || 4181) + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const nyc = JSON.parse(readFileSync('static/models/nyc-mlp.json', 'utf8'));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf'
};

/** Every request the server answered, in order. */
const served: { path: string; status: number }[] = [];
let server: Server | undefined;

/** The file a path names, as a plain static host finds it: the file, then `.html`, then `index.html`. */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(BASE + '/')) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(BASE.length + 1));
  } catch {
    return null;
  }
  const file = join(ROOT, rel);
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return null;
  for (const f of [file, file + '.html', join(file, 'index.html')]) if (existsSync(f) && statSync(f).isFile()) return f;
  return null;
}

function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
      env: { ...process.env, BASE_PATH: BASE, BUILD_DIR: OUT },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`BASE_PATH=${BASE} build failed (${code}):\n${log.slice(-4000)}`))));
  });
}

beforeAll(async () => {
  await build();
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', ORIGIN);
    const file = fileFor(pathname);
    if (pathname === BASE) {
      // As static hosts do for a folder asked for without its slash.
      res.writeHead(301, { location: BASE + '/' }).end();
    } else if (file) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } else {
      res.writeHead(404).end();
    }
    served.push({ path: pathname, status: res.statusCode });
  });
  await new Promise<void>((ok, fail) => server!.once('error', fail).listen(PORT, '127.0.0.1', ok));
}, 300_000);

afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

describe(`the lecture served under ${BASE}/`, () => {
  test('links, assets, model files, workers, the service worker and its offline save, standalone figures, the handout and shared links all stay under the path', async ({ open }) => {
    // Opened at the bare path, as a reader types it: the host adds the slash.
    const { page, context } = await open({ url: ORIGIN + BASE });
    expect(new URL(page.url()).pathname).toBe(BASE + '/');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith('http')) asked.push(new URL(r.url()).pathname);
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    expect(await page.locator('[data-section]').count()).toBe(12);
    // 1a sits below section 1's prediction: it loads once scrolled to.
    await showFigure(page, '1a', '[data-readout="cases"]');
    await readText(page, '1a', 'cases');

    // The service worker lives under the path and controls only it.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 60_000 });
    const sw = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const cache = await caches.open((await caches.keys())[0]);
      return { scope: reg?.scope, script: navigator.serviceWorker.controller?.scriptURL, stored: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    expect(sw.scope).toBe(`${ORIGIN}${BASE}/`);
    expect(sw.script).toBe(`${ORIGIN}${BASE}/service-worker.js`);
    // At first only the shell (the page and what it loaded) is stored.
    expect(sw.stored).toContain(`${BASE}/`);
    expect(sw.stored).not.toContain(`${BASE}/figure/2c`);
    expect(sw.stored.filter((p) => !p.startsWith(BASE + '/'))).toEqual([]);

    // Saving the whole lecture works under the path, and its size is known there.
    await page.getByText('Offline', { exact: true }).click();
    const save = page.getByRole('button', { name: /^Save the lecture for offline use \(\d+\.\d MB\)$/ });
    await save.click();
    await expect.poll(() => page.locator('[data-readout="offline-status"]').textContent(), { timeout: 120_000 }).toMatch(/^Saved/);
    await page.getByText('Offline', { exact: true }).click();
    const saved = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys()).map((r) => new URL(r.url).pathname));
    for (const p of ['/', '/figure/2c', '/handout', '/models/nyc-mlp.safetensors', '/data/cats-dogs-train.bin']) expect(saved).toContain(BASE + p);
    expect(saved.filter((p) => !p.startsWith(BASE + '/'))).toEqual([]);

    // 4a fetches the shipped network's weights.
    const knobs = await showFigure(page, '4a', '[data-readout="knobs"]');
    await knobs.getByRole('button', { name: 'Trained' }).click();
    await expect.poll(() => knobs.locator('[data-readout="loss"]').textContent()).toBe(nyc.trainedLoss.toPrecision(3));

    // 5d trains in a worker, whose script is a built chunk under the path.
    const training = await showFigure(page, '5d', '[data-readout="step"]');
    await training.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number((await training.locator('[data-readout="step"]').textContent())?.replace(/,/g, '')), { timeout: 30_000 })
      .toBeGreaterThan(10);
    await training.getByRole('button', { name: 'Pause' }).click();

    // Shared link and embed code carry the path.
    const sir = await showFigure(page, '2c', '[data-readout="beta"]');
    await sir.getByRole('button', { name: 'Copy link to this view' }).click();
    await expect.poll(() => sir.getByText('Copied link to this view.').count()).toBe(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${ORIGIN}${BASE}/#figure-2c`);
    await sir.getByRole('button', { name: 'Copy embed code' }).click();
    await expect.poll(() => sir.getByText('Copied embed code.').count()).toBe(1);
    const embed = await page.evaluate(() => navigator.clipboard.readText());
    const src = embed.match(/^<iframe src="([^"]+)"/)?.[1];
    expect(src).toBe(`${ORIGIN}${BASE}/figure/2c`);

    // The standalone figure page draws, and links back to the lecture under the path.
    await page.goto(src!, { waitUntil: 'load' });
    await showFigure(page, '2c', '[data-readout="beta"]');
    await readText(page, '2c', 'beta');
    expect(await page.getByRole('link', { name: 'from the lecture Gradient Handoff' }).getAttribute('href')).toBe(`${BASE}/#figure-2c`);

    // The handout, linked from the Contents (closed at this width, so found by text, not role), lives under the path too.
    await page.goto(`${ORIGIN}${BASE}/`, { waitUntil: 'load' });
    const handout = await page.locator('nav#contents a', { hasText: 'Two-page handout to print' }).evaluate((a) => (a as HTMLAnchorElement).href);
    expect(handout).toBe(`${ORIGIN}${BASE}/handout`);
    await page.goto(handout, { waitUntil: 'load' });
    expect(await page.locator('.katex-display').count()).toBe(5);

    // Offline, the stored copy under the path opens.
    await context.setOffline(true);
    await page.goto(`${ORIGIN}${BASE}/`, { waitUntil: 'load' });
    expect(await page.locator('[data-section]').count()).toBe(12);
    // 1a sits below section 1's prediction: it loads once scrolled to.
    await showFigure(page, '1a', '[data-readout="cases"]');
    await readText(page, '1a', 'cases');
    await context.setOffline(false);

    expect(asked.filter((p) => !p.startsWith(BASE + '/')), 'requests outside the path').toEqual([]);
    expect(served.filter((s) => s.status === 404), 'not found').toEqual([]);
    expect(served.filter((s) => !s.path.startsWith(BASE)), 'asked of the server outside the path').toEqual([]);
    expect(served.some((s) => s.path.includes('/_app/immutable/workers/')), 'a worker script was fetched').toBe(true);
  }, 180_000);
});
