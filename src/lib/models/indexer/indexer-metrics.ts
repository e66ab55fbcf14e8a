/**
 * The measurements shipped in static/models/indexer-metrics.json: for each evaluation set (a seed,
 * a length, a number of sequences) the dense accuracy of the recall model, and the recall and
 * sparse accuracy of its indexer at k = length / 32. The training script writes them; a unit test
 * recomputes them from the shipped weights.
 */
import { Rng } from '$lib/engine';
import type { LightningIndexer } from './lightning-indexer';
import type { RecallModel } from './recall-model';
import { QUERIES, makeRecallBatch, type RecallBatch } from './recall-task';
import { evaluateSparse, summarise } from './sparse-evaluation';

export interface MetricSet {
  length: number;
  sequences: number;
  seed: number;
}

/** Held-out sets: seeds the training script never draws batches from. */
export const METRIC_SETS: MetricSet[] = [
  { length: 1024, sequences: 64, seed: 90_001 },
  { length: 2048, sequences: 32, seed: 90_002 },
  { length: 4096, sequences: 16, seed: 90_003 }
];

export function evaluationBatch(set: MetricSet): RecallBatch {
  return makeRecallBatch(new Rng(set.seed), set.sequences, set.length);
}

export interface ShippedMetric extends MetricSet {
  queries: number;
  k: number;
  recall: number;
  denseAccuracy: number;
  sparseAccuracy: number;
}

export function metricsAt(m: RecallModel, ix: LightningIndexer, data: RecallBatch, seed = NaN): ShippedMetric {
  const k = data.length / 32;
  const ev = evaluateSparse(m, ix, data, undefined, [k]);
  const s = summarise(ev, k);
  return {
    length: data.length,
    sequences: data.batch,
    seed,
    queries: data.batch * QUERIES,
    k,
    recall: s.recall,
    denseAccuracy: s.denseAccuracy,
    sparseAccuracy: s.sparseAccuracy
  };
}
