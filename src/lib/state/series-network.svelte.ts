/**
 * The network of sections 4–5 for a reader's series: the shipped network's recipe (seed, width,
 * Adam, learning rate) trained on the reader's counts in a worker, once per series, shared by
 * every figure that needs it. Its progress is reactive so each figure can say what it waits for.
 *
 * Steps: the shipped network's 20,000 on a series as short as New York's; on a longer series each
 * step costs more, so the run is held to about 3 million day-evaluations (at least 2,000 steps).
 */
import { untrack } from 'svelte';
import { Mlp } from '$lib/models/mlp/mlp';
import { SHIPPED_TRAINING, type NycMlp } from '$lib/models/mlp/nyc-mlp-file';
import type { NycTrainConfig, NycTrainSnapshot } from '$lib/models/mlp/nyc-mlp-trainer';
import type { FromWorker, ToWorker } from '$lib/workers/protocol';
import type { DailySeries } from '$lib/data/daily-series';
import { activeSeries } from '$lib/state/active-series.svelte';
import { RestartableWorker } from '$lib/workers/restartable.svelte';
import { mlpTrainWorker } from '$lib/workers/factories';

export function stepsFor(days: number): number {
  return Math.max(2000, Math.min(SHIPPED_TRAINING.steps, Math.round(3_000_000 / days / 100) * 100));
}

class SeriesTraining {
  /** Id of the series being trained (or last trained). */
  id = $state('');
  step = $state(0);
  steps = $state(0);
  loss = $state(NaN);
  error = $state('');
  /** The worker died (rather than the training failing): retrySeriesTraining() can start it again. */
  crashed = $state(false);
}

export const seriesTraining = new SeriesTraining();

const runs = new Map<string, Promise<NycMlp>>();
/** The run still training, for "Try again" when its worker dies. */
let training: { id: string; retry: () => void } | null = null;

/**
 * A run nobody will look at any more (the reader chose another series) is stopped, not left to use
 * a core. The watcher is an effect root made when a run starts and disposed when it ends, rather
 * than one started when this module is first imported: an effect root lives until it is disposed,
 * and this way nothing outlives the one thing it watches. Like the module-level effect it replaces,
 * it acts on a change of series, compared with the series active when the run started (read
 * untracked, so that a figure calling this from its own effect does not come to depend on it).
 * Returns the dispose function.
 */
function stopOnSeriesChange(id: string, stop: () => void): () => void {
  let seen = untrack(() => activeSeries.id);
  return $effect.root(() => {
    $effect(() => {
      const active = activeSeries.id;
      if (active === seen) return;
      seen = active;
      if (active !== id) stop();
    });
  });
}

export function trainForSeries(series: DailySeries): Promise<NycMlp> {
  let run = runs.get(series.id);
  if (!run) {
    run = train(series);
    runs.set(series.id, run);
    run.catch(() => runs.delete(series.id));
  }
  return run;
}

function train(series: DailySeries): Promise<NycMlp> {
  const steps = stepsFor(series.values.length);
  const { seed, width, lr } = SHIPPED_TRAINING;
  const config: NycTrainConfig = { seed, width, lr, optimizer: 'adam', counts: [...series.values], steps };
  Object.assign(seriesTraining, { id: series.id, step: 0, steps, loss: NaN, error: '', crashed: false });
  return new Promise<NycMlp>((resolve, reject) => {
    /** The run is over (finished, failed or stopped): its worker and its watcher go. */
    const end = () => {
      worker.terminate();
      unwatch();
      if (training?.id === series.id) training = null;
    };
    const fail = (message: string) => {
      end();
      seriesTraining.error = message;
      reject(new Error(message));
    };
    // A worker that dies leaves the promise pending: "Try again" trains afresh under the same
    // promise, so every figure already waiting for this network gets it when the retry finishes.
    const worker = new RestartableWorker<ToWorker<NycTrainConfig>, FromWorker<NycTrainSnapshot>>(
      mlpTrainWorker,
      {
        name: 'the worker training the network on your series',
        onfault: (fault) => Object.assign(seriesTraining, { error: fault, crashed: true }),
        receive: (msg) => {
          if (msg.type === 'error') return fail(`Training failed: ${msg.message}`);
          if (msg.type === 'stopped' && msg.reason === 'diverged') return fail(msg.message);
          if (msg.type !== 'progress') return;
          if (seriesTraining.id === series.id) {
            seriesTraining.step = msg.step;
            if (Number.isFinite(msg.loss)) seriesTraining.loss = msg.loss;
          }
          if (msg.step < steps) return;
          const knobs = msg.snapshot.knobs;
          end();
          const trained = new Mlp(width, seed);
          trained.setKnobs(knobs);
          resolve({ init: new Mlp(width, seed), trained, training: { ...SHIPPED_TRAINING, steps } });
        }
      }
    );
    const begin = () => {
      Object.assign(seriesTraining, { step: 0, error: '', crashed: false });
      if (!worker.start()) return;
      worker.post({ type: 'reset', config });
      worker.post({ type: 'play' });
    };
    const stop = () => {
      end();
      runs.delete(series.id);
      seriesTraining.id = '';
      reject(new Error('stopped: another series was chosen'));
    };
    training = { id: series.id, retry: begin };
    const unwatch = stopOnSeriesChange(series.id, stop);
    begin();
  });
}

/** "Try again" after the worker training the reader's network died. */
export function retrySeriesTraining(): void {
  training?.retry();
}
