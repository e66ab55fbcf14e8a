/**
 * `npm run bench:page`: the lecture's budgets (DESIGN.md, issue 9 item 1), measured on the built
 * site served by `vite preview` and driven in Debian's Chromium. Prints one line per figure and
 * writes everything to bench/page.json. Loopback only; no network needed.
 *
 * Options:
 *   --no-build            measure the existing build/ instead of running `npm run build` first
 *   --heap-minutes A,B    heap of figure 5d training after A and after B minutes (default 1,10)
 *   --train-seconds N     how long each training figure trains while its tasks are traced (default 15)
 *   --trainers a,b        with tasks: trace only these figures (their ids, or 12b-write, 12b-learn)
 *   --scratch-runs N      scratch: how many whole runs of figure 7b's "train from scratch" (default 3)
 *   --scratch-seconds N   scratch: a shorter budget than the figure's minute (a quick look; its verdict is not the budget's)
 *   --only a,b            run a subset: load, lighthouse, tasks, scratch, fps, heap. A subset run replaces
 *                         only those parts of bench/page.json; each part records when and at which
 *                         commit it was measured.
 * Environment: BENCH_PORT (default: a free port), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { freePort, serve } from '../scripts/serve-build';
import { firstLoad } from './page/first-load';
import { lighthouseScores } from './page/lighthouse';
import { Tracer } from './page/trace';
import { TRAINERS, settle } from './page/training';
import { openScratch, runScratch, type ScratchRun } from './page/scratch';
import { scrollFrames, watchFrames } from './page/frames';

const BUDGET = { firstLoadKB: 100, performance: 95, accessibility: 100, taskMs: 50, fps: 55, heapGrowth: 0.1, scratchAccuracy: 78, scratchSeconds: 60 };
const KB = 1000; // kilobytes as in the budget: 1 KB = 1000 bytes

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const build = !process.argv.includes('--no-build');
const [heapA, heapB] = (option('--heap-minutes') ?? '1,10').split(',').map(Number);
const trainSeconds = Number(option('--train-seconds') ?? 15);
const only = option('--only')?.split(',');
const trainers = option('--trainers')?.split(',');
const scratchRuns = Number(option('--scratch-runs') ?? 3);
const scratchSeconds = option('--scratch-seconds');
const runs = (part: string) => !only || only.includes(part);
if (!(heapA > 0 && heapB > heapA) || !(trainSeconds > 0)) {
  throw new Error('--heap-minutes wants A,B with 0 < A < B; --train-seconds a positive number');
}

const log = (...a: unknown[]) => console.error('[bench:page]', ...a);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const kb = (b: number) => (b / KB).toFixed(1);
const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));

async function open(browser: Browser, url: string, reducedMotion = false, search = ''): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: reducedMotion ? 'reduce' : 'no-preference'
  });
  // tsx compiles the functions handed to page.evaluate with esbuild's keepNames, which wraps
  // named functions in a __name(…) helper the page does not have.
  await context.addInitScript('globalThis.__name = (f) => f;');
  // The questions off, as for a second reading: no figure waits behind its prediction.
  await context.addInitScript("localStorage.setItem('gh-predictions-off', '1');");
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', String(e)));
  await page.goto(url + '/' + search, { waitUntil: 'load' });
  return page;
}

async function showFigure(page: Page, id: string, ready: string) {
  const fig = page.locator(`[data-figure="${id}"]`);
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('.figure-body').locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  return fig;
}

/** Main-thread JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
/** When and on what each part was measured. */
const stamp = () => ({ date: new Date().toISOString(), commit: commit + (dirty ? ' (with uncommitted changes)' : ''), loadavg: loadavg() });
const result: Record<string, unknown> = {
  date: new Date().toISOString(),
  command: 'npm run bench:page' + (process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavgAtStart: loadavg() },
  budgets: BUDGET
};

if (build) {
  log('building (npm run build)…');
  const b = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
  if (b.status !== 0) throw new Error('npm run build failed');
}

const port = await freePort();
const { url, server } = await serve(port);
const browser = await chromium.launch({ executablePath: chromiumPath({ shell: false }), headless: true, args: CHROMIUM_ARGS });
result.chromium = browser.version();
try {
  if (runs('load')) {
    const f = firstLoad();
    const css = f.css.reduce((s, x) => s + x.gzip, 0);
    const js = f.js.reduce((s, x) => s + x.gzip, 0);
    result.firstLoad = { ...f, ...stamp() };
    say(
      `first load: ${kb(f.total.gzip)} KB gzipped (HTML ${kb(f.html.gzip)}, CSS ${kb(css)} in ${f.css.length} files, ` +
        `JS ${kb(js)} in ${f.js.length} files); budget ≤ ${BUDGET.firstLoadKB} KB: ${verdict(f.total.gzip <= BUDGET.firstLoadKB * KB)}`
    );
    say(`largest lazily loaded chunk: ${kb(f.largestLazy.gzip)} KB gzipped (${f.largestLazy.file}; ${f.lazyCount} lazy JS files)`);
  }

  if (runs('lighthouse')) {
    log('Lighthouse (mobile preset)…');
    const s = await lighthouseScores(url + '/');
    result.lighthouse = { ...s, ...stamp() };
    say(`lighthouse performance: ${s.performance}; budget ≥ ${BUDGET.performance}: ${verdict(s.performance >= BUDGET.performance)}`);
    say(`lighthouse accessibility: ${s.accessibility}; budget ${BUDGET.accessibility}: ${verdict(s.accessibility >= BUDGET.accessibility)}`);
    say(`lighthouse best practices: ${s.bestPractices}`);
    for (const [cat, audits] of Object.entries(s.failing)) if (audits.length) log(`  ${cat} loses points on: ${audits.join('; ')}`);
    log('  metrics:', JSON.stringify(s.metrics));
    log('  long tasks during load:', JSON.stringify(s.longTasks));
  }

  if (runs('tasks')) {
    const tasks: Record<string, unknown> = {};
    for (const t of TRAINERS.filter((t) => !trainers || trainers.includes(t.key ?? t.id))) {
      const key = t.key ?? t.id;
      log(`training figure ${key} for ${trainSeconds} s…`);
      const page = await open(browser, url, t.reducedMotion);
      const fig = await showFigure(page, t.id, t.ready);
      await t.prepare?.(fig, page);
      await settle(page);
      const tracer = await Tracer.start(page);
      await t.start(fig, page);
      await page.waitForTimeout(trainSeconds * 1000);
      await t.stop(fig, page);
      const s = await tracer.stop();
      tasks[key] = { ...s, seconds: trainSeconds, ...stamp() };
      say(
        `longest main-thread task while ${key} trains: ${s.longest.toFixed(1)} ms (CPU ${s.longestCpu.toFixed(1)} ms; ${s.over50} of ${s.count} tasks over 50 ms); ` +
          `budget ≤ ${BUDGET.taskMs} ms: ${verdict(s.longest <= BUDGET.taskMs)}`
      );
      for (const l of s.long) log(`  ${l.ms.toFixed(0)} ms (CPU ${l.cpuMs.toFixed(0)} ms) at ${l.at.toFixed(0)} ms: ${l.inside}`);
      await page.context().close();
    }
    result.tasks = tasks;
  }

  if (runs('scratch')) {
    const done: ScratchRun[] = [];
    for (let i = 0; i < scratchRuns; i++) {
      log(`figure 7b trains from scratch, run ${i + 1} of ${scratchRuns}…`);
      const page = await open(browser, url, false, scratchSeconds ? `?scratch-seconds=${scratchSeconds}` : '');
      const fig = await showFigure(page, '7b', '[data-readout="cnn-accuracy"]');
      await openScratch(fig);
      await settle(page);
      const run = await runScratch(fig, page);
      log(`  ${run.accuracy}% after ${run.seconds} s of training (${run.wallSeconds.toFixed(1)} s from the press), ${run.steps} steps (${(run.steps / run.seconds).toFixed(2)}/s with the scorings); scores ${run.series.map((p) => `${p.accuracy}% at ${p.seconds.toFixed(0)} s`).join(', ')}`);
      done.push(run);
      await page.context().close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const accuracy = median(done.map((r) => r.accuracy));
    const seconds = median(done.map((r) => r.seconds));
    const wall = median(done.map((r) => r.wallSeconds));
    result.scratch = { budgetSeconds: Number(scratchSeconds ?? 60), runs: done, medianAccuracy: accuracy, medianSeconds: seconds, medianWallSeconds: wall, ...stamp() };
    // The budget is on the figure's training clock; the wall clock adds the worker's start and the photos' loading.
    say(
      `figure 7b from scratch: median test accuracy ${accuracy}% of ${done.length} runs (${done.map((r) => r.accuracy).join(', ')}), ` +
        `median ${seconds} s of training, ${wall.toFixed(1)} s from the press to the last score; budget ≥ ${BUDGET.scratchAccuracy}% within ${BUDGET.scratchSeconds} s of training: ` +
        verdict(accuracy >= BUDGET.scratchAccuracy && seconds <= BUDGET.scratchSeconds)
    );
  }

  if (runs('fps')) {
    log('scrolling the whole page…');
    const page = await open(browser, url);
    await settle(page);
    const scroll = await scrollFrames(page);
    say(`fps scrolling the whole page: median ${scroll.median.toFixed(1)}, 5th percentile ${scroll.p5.toFixed(1)} (${scroll.frames} frames in ${scroll.seconds.toFixed(1)} s, longest gap ${scroll.worstMs.toFixed(0)} ms); budget median ≥ ${BUDGET.fps}: ${verdict(scroll.median >= BUDGET.fps)}`);
    await page.context().close();

    log('frames while 5d trains…');
    const p2 = await open(browser, url);
    const fig = await showFigure(p2, '5d', '[data-readout="step"]');
    await settle(p2);
    await fig.getByRole('button', { name: 'Play' }).click();
    await p2.waitForTimeout(2000);
    const train = await watchFrames(p2, 10_000);
    await fig.getByRole('button', { name: 'Pause' }).click();
    say(`fps while 5d trains: median ${train.median.toFixed(1)}, 5th percentile ${train.p5.toFixed(1)} (${train.frames} frames in 10 s, longest gap ${train.worstMs.toFixed(0)} ms); budget median ≥ ${BUDGET.fps}: ${verdict(train.median >= BUDGET.fps)}`);
    result.fps = { scroll, training5d: train, ...stamp() };
    await p2.context().close();
  }

  if (runs('heap')) {
    log(`5d trains for ${heapB} minutes; heap after ${heapA} and ${heapB}…`);
    const page = await open(browser, url);
    const fig = await showFigure(page, '5d', '[data-readout="step"]');
    const cdp = await page.context().newCDPSession(page);
    const step = async () => Number(((await fig.locator('[data-readout="step"]').textContent()) ?? '').replace(/,/g, ''));
    await fig.getByRole('button', { name: 'Play' }).click();
    const t0 = Date.now();
    await page.waitForTimeout(heapA * 60_000);
    const a = { heap: await heapAfterGc(cdp), step: await step(), minutes: (Date.now() - t0) / 60_000 };
    await page.waitForTimeout(Math.max(0, heapB * 60_000 - (Date.now() - t0)));
    const b = { heap: await heapAfterGc(cdp), step: await step(), minutes: (Date.now() - t0) / 60_000 };
    await fig.getByRole('button', { name: 'Pause' }).click();
    const growth = b.heap / a.heap - 1;
    result.heap = { a, b, growth, ...stamp() };
    say(
      `JS heap while 5d trains: ${(a.heap / 1e6).toFixed(2)} MB after ${heapA} min (step ${a.step}), ${(b.heap / 1e6).toFixed(2)} MB after ${heapB} min ` +
        `(step ${b.step}), growth ${(growth * 100).toFixed(1)}%; budget ≤ ${BUDGET.heapGrowth * 100}%: ${verdict(growth <= BUDGET.heapGrowth)}`
    );
    await page.context().close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

result.loadavgAtEnd = loadavg();
result.lines = lines;
const OUT = 'bench/page.json';
if (only && existsSync(OUT)) {
  // Keep the parts this run did not measure; the printed lines are rebuilt from all parts.
  const previous = JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>;
  const merged = { ...previous, ...result, date: previous.date, command: previous.command, machine: previous.machine };
  // A run of some trainers (--trainers) keeps the other figures' traces.
  if (trainers && result.tasks) merged.tasks = { ...(previous.tasks as Record<string, unknown>), ...(result.tasks as Record<string, unknown>) };
  merged.subsetRuns = [...((previous.subsetRuns as string[]) ?? []), `${result.date}: ${result.command}`];
  const key = (l: string) => l.split(':')[0];
  const before = (previous.lines as string[]) ?? [];
  merged.lines = [
    ...before.map((l) => lines.find((n) => key(n) === key(l)) ?? l),
    ...lines.filter((n) => !before.some((l) => key(l) === key(n)))
  ];
  writeFileSync(OUT, JSON.stringify(merged, null, 2) + '\n');
} else writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
log(`load average at start ${JSON.stringify((result.machine as { loadavgAtStart: number[] }).loadavgAtStart)}, at end ${JSON.stringify(result.loadavgAtEnd)}`);
