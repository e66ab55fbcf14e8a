/**
 * Lighthouse 12 (mobile preset: its default config, with simulated throttling) against Debian's
 * Chromium, started here headless with a remote-debugging port that Lighthouse attaches to.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/chromium';

export interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Audits that cost points, per category, for the report. */
  failing: Record<string, string[]>;
  metrics: Record<string, string>;
  /** The main-thread tasks Lighthouse saw during load (unthrottled, as observed), longest first. */
  longTasks: { url: string; ms: number }[];
}

async function startChromium(): Promise<{ port: number; stop: () => void }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-lh-'));
  const child = spawn(
    chromiumPath({ shell: false }),
    [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium gave no debugging port:\n${err}`)), 30_000);
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
  });
  return {
    port,
    stop: () => {
      child.kill('SIGTERM');
      setTimeout(() => rmSync(profile, { recursive: true, force: true }), 1000);
    }
  };
}

export async function lighthouseScores(url: string): Promise<Scores> {
  const chrome = await startChromium();
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices']
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const failing: Record<string, string[]> = {};
    for (const [id, cat] of Object.entries(lhr.categories)) {
      failing[id] = cat.auditRefs
        .filter((r) => r.weight > 0)
        .map((r) => lhr.audits[r.id])
        .filter((a) => a.score !== null && a.score < 1)
        .map((a) => `${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ''})`);
    }
    const metrics: Record<string, string> = {};
    for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
      metrics[id] = lhr.audits[id]?.displayValue ?? '';
    }
    const items = (lhr.audits['long-tasks']?.details as { items?: { url: string; duration: number }[] } | undefined)?.items ?? [];
    const longTasks = items.map((i) => ({ url: i.url, ms: Math.round(i.duration) })).slice(0, 8);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      failing,
      metrics,
      longTasks
    };
  } finally {
    chrome.stop();
  }
}
