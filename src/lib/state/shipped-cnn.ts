/**
 * Figure 7b's metrics file (static/models/cnn-metrics.json, written by `npm run train:cnn`): what
 * the shipped network's training run measured, loaded once per page through the lecture's one
 * loader. The network itself is loaded in its worker (workers/cnn-inspect.worker.ts).
 */
import { base } from '$app/paths';
import { fetchJson } from '$lib/data/fetch-bytes';
import { loadOnce } from './load-once';

/** The parts of the metrics file the lecture quotes. */
export interface CnnMetrics {
  parameters: number;
  training: { epochs: number; seed: number };
  testAccuracy: number;
  testCorrect: number;
  testCount: number;
  seconds: number;
}

/** The metrics; a failed load is forgotten, so the next call tries again. */
export const loadCnnMetrics = loadOnce(() => fetchJson<CnnMetrics>(`${base}/models/cnn-metrics.json`, 'cnn-metrics.json'));
