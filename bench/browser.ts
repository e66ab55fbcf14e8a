/**
 * `npm run bench:browser`: the engine against TF.js (wasm) and jax-js (wasm) on the three
 * benchmark workloads, in headless Chromium, on the /bench page (src/routes/bench/+page.svelte):
 * the script builds the site, serves build/ cross-origin isolated, opens /bench, presses
 * "Compare with TF.js and jax-js" and waits for the page to finish. The page does the measuring
 * (same model, data, initial weights and steps; alternating rounds; medians; the starting losses
 * checked to agree); this script prints one line per workload and peer,
 *   bench:browser <workload> vs <peer>: engine <x>/s, <peer> <y>/s, ratio <x/y>, engine <g> GFLOP/s, <peer> <h> GFLOP/s
 * and writes everything the page reported, with the date, commit and machine, to bench/browser.json.
 *
 * Served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy:
 * require-corp, so the page has SharedArrayBuffer and the peers start their threaded builds.
 *
 * Options: --no-build (measure the existing build/), --steps N (fixed steps per round, for a quick
 * check), --rounds R (default 7), --workloads a,b, --peers tfjs,jax, --threads N (the engine's threads;
 * default one per core), --no-isolation (serve without the two headers:
 * every side on one thread). Environment: BENCH_PORT, CHROMIUM_PATH.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { freePort } from '../scripts/serve-build';
import { fmt } from '../src/lib/models/bench/measure';
import type { SideSetup, WorkloadResult } from '../src/lib/workers/bench-protocol';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const build = !process.argv.includes('--no-build');
const isolation = !process.argv.includes('--no-isolation');
const query = new URLSearchParams();
for (const name of ['steps', 'rounds', 'workloads', 'peers', 'threads']) {
  const v = option(`--${name}`);
  if (v) query.set(name, v);
}
const log = (...a: unknown[]) => console.error('[bench:browser]', ...a);
const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : '');
const loadavgAtStart = loadavg();

if (build) {
  log('building (npm run build)…');
  if (spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] }).status !== 0) throw new Error('npm run build failed');
}

/** The headers that make the page cross-origin isolated (SharedArrayBuffer, wasm threads). */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const port = await freePort();
const server = await preview({
  logLevel: 'warn',
  preview: { port, strictPort: true, host: '127.0.0.1' },
  // The site's own preview server sends the two headers (vite.config.ts); this middleware, ahead
  // of it and of SvelteKit's, says so itself, or with --no-isolation keeps them off every response.
  plugins: [{
    name: 'bench-cross-origin-isolation',
    enforce: 'pre',
    configurePreviewServer(s) {
      s.middlewares.use((_req, res, next) => {
        if (isolation) for (const [k, v] of Object.entries(ISOLATION)) res.setHeader(k, v);
        else {
          const set = res.setHeader.bind(res);
          res.setHeader = (name, value) => (/^cross-origin-(opener|embedder)-policy$/i.test(name) ? res : set(name, value));
        }
        next();
      });
    }
  }]
});
const url = `http://127.0.0.1:${port}/bench${query.size ? `?${query}` : ''}`;
const browser = await chromium.launch({ executablePath: chromiumPath({ shell: false }), headless: true, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();

interface PageReport {
  finishedAt: string;
  crossOriginIsolated: boolean;
  cores: number;
  setups: SideSetup[];
  results: WorkloadResult[];
}

let report: PageReport;
/** The .wasm files the page fetched: which of TF.js's builds it chose. */
const wasmFiles: string[] = [];
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && log('page console error:', m.text()));
  page.on('pageerror', (e) => log('page error:', String(e)));
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFiles.push(new URL(r.url()).pathname.split('/').pop()!); });
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('html[data-started]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('[data-action="compare"]').click();
  let lastStatus = '';
  for (;;) {
    const error = page.locator('[data-bench-error]');
    if (await error.count()) throw new Error(`the page stopped: ${await error.textContent()}`);
    const status = ((await page.locator('[data-bench-status]').textContent()) ?? '').trim();
    if (status !== lastStatus) log(status);
    lastStatus = status;
    if (status === 'Done.') break;
    await page.waitForTimeout(1000);
  }
  report = JSON.parse((await page.locator('[data-bench-json]').textContent()) ?? '') as PageReport;
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

const NAMES: Record<string, string> = { tfjs: 'tfjs', jax: 'jax-js' };
const lines: string[] = [];
for (const r of report.results) {
  const engine = r.sides.find((s) => s.side === 'engine')!;
  for (const peer of r.sides.filter((s) => s.side !== 'engine')) {
    const line =
      `bench:browser ${r.workload} vs ${NAMES[peer.side]}: engine ${fmt(engine.median)}/s, ${NAMES[peer.side]} ${fmt(peer.median)}/s, ` +
      `ratio ${fmt(peer.engineRatio)}, engine ${fmt(engine.gflops)} GFLOP/s, ${NAMES[peer.side]} ${fmt(peer.gflops)} GFLOP/s`;
    lines.push(line);
    console.log(line);
  }
  log(`  ${r.workload}: ${r.stepsPerRound} steps × ${r.rounds} rounds after ${r.warmupSteps} warm-up steps; ` +
    r.sides.map((s) => `${s.side} ${s.rates.join(' ')} (loss ${s.firstLoss.toPrecision(6)})`).join('; ') + ` ${r.unit}/s`);
}
log(`  .wasm files fetched: ${wasmFiles.join(', ') || 'none seen'}`);
for (const s of report.setups) log(`  ${s.side}: ${s.library}, ${s.backend}, SIMD ${s.simd}, threads ${s.threads}${s.jit ? ', jit' : ''}`);

writeFileSync('bench/browser.json', JSON.stringify({
  date: new Date().toISOString(),
  command: 'npm run bench:browser' + (process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''),
  commit,
  machine: {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    chromium: chromiumVersion,
    loadavgAtStart,
    loadavgAtEnd: loadavg()
  },
  served: isolation ? ISOLATION : 'without cross-origin isolation headers',
  page: { url, crossOriginIsolated: report.crossOriginIsolated, cores: report.cores },
  given: report.setups,
  wasmFilesFetched: wasmFiles,
  notes: [
    'Rates are medians over rounds of the same number of steps; the sides take turns in a rotating order; same data, same initial weights.',
    'GFLOP/s counts 2 FLOPs per multiply-add of matrix products and convolutions (forward, weight gradients, and input gradients except of data); elementwise work is not counted.',
    'ratio = engine median / peer median: above 1, the engine is faster.',
    'TF.js wasm has no Conv2DBackpropFilter kernel: its CNN uses tf.customGrad (tf.conv2d forward, tf.conv2dTranspose input gradient, im2col + tf.matMul filter gradient).',
    'jax-js gets NCHW images and OIHW kernels (its conv layout), permuted from the same numbers; its whole training step (grad and Adam) runs under one jit.'
  ],
  results: report.results,
  lines
}, null, 2) + '\n');
log('wrote bench/browser.json');
