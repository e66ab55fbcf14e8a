import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DailySeries } from '$lib/data/daily-series';
import { Mlp } from '$lib/models/mlp/mlp';
import { SHIPPED_TRAINING } from '$lib/models/mlp/nyc-mlp-file';

/** A reader's series of a few days (the worker below never looks at the numbers). */
const series = (id: string): DailySeries => ({ id, name: id, source: '', start: '2020-03-01', values: [1, 2, 3, 4], population: 1000, custom: true });

/** A stand-in for the training worker: it remembers what it was told and whether it was stopped. */
class QuietWorker {
  static made: QuietWorker[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  terminated = false;
  constructor() {
    QuietWorker.made.push(this);
  }
  postMessage() {}
  terminate() {
    this.terminated = true;
  }
  /** Reports the last step done, with a network of the shipped shape, as the real worker would. */
  finish(steps: number) {
    const knobs = new Mlp(SHIPPED_TRAINING.width, SHIPPED_TRAINING.seed).getKnobs();
    this.onmessage?.({ data: { type: 'progress', run: 0, step: steps, loss: 0.1, snapshot: { knobs } } });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  QuietWorker.made = [];
});

async function load() {
  vi.stubGlobal('Worker', QuietWorker);
  // Vite rewrites `new Worker(new URL(…, import.meta.url))` to build the URL from `self.location`.
  vi.stubGlobal('self', { location: new URL('http://localhost/') });
  // Fresh modules for each test (a run left from one must not serve the next), and Svelte's
  // runtime with them: flushSync must be the one the fresh modules' effects are scheduled on.
  const [{ flushSync }, { activeSeries }, net] = await Promise.all([
    import('svelte'),
    import('$lib/state/active-series.svelte'),
    import('$lib/state/series-network.svelte')
  ]);
  return { flushSync, activeSeries, ...net };
}

describe("the network trained on a reader's series", () => {
  it('is stopped when the reader moves to another series, and not before', async () => {
    const { flushSync, activeSeries, trainForSeries, seriesTraining } = await load();
    const mine = series('mine');
    activeSeries.use(mine);
    flushSync();
    const run = trainForSeries(mine);
    const outcome = run.then(() => 'trained', (e: Error) => e.message);
    flushSync();
    expect(seriesTraining.error).toBe('');
    expect(QuietWorker.made).toHaveLength(1);
    expect(QuietWorker.made[0].terminated).toBe(false);
    expect(seriesTraining.id).toBe('mine');

    activeSeries.use(series('other'));
    flushSync();
    expect(QuietWorker.made[0].terminated).toBe(true);
    expect(await outcome).toMatch(/another series was chosen/);
    expect(seriesTraining.id).toBe('');
  });

  it('lets a finished run be: a later change of series stops nothing and starts nothing', async () => {
    const { flushSync, activeSeries, trainForSeries, stepsFor } = await load();
    const mine = series('mine');
    activeSeries.use(mine);
    const run = trainForSeries(mine);
    flushSync();
    QuietWorker.made[0].finish(stepsFor(mine.values.length));
    await expect(run).resolves.toHaveProperty('trained');

    activeSeries.backToNewYork();
    flushSync();
    activeSeries.use(mine);
    flushSync();
    // The same series' network is the one already trained: no second worker, the promise unchanged.
    expect(trainForSeries(mine)).toBe(run);
    expect(QuietWorker.made).toHaveLength(1);
  });
});
