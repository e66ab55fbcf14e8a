/**
 * The shipped weights (static/models, written by npm run train:indexer) reproduce the shipped
 * metrics file, and those metrics meet the targets. Every number is recomputed here from
 * the weights, through an independent count over the engine's own top-k where it matters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng, Tape, Tensor, loadParams, topk } from '$lib/engine';
import { indexScores, parameters as indexerParameters, initIndexer } from '$lib/models/indexer/lightning-indexer';
import { METRIC_SETS, evaluationBatch, metricsAt, type ShippedMetric } from '$lib/models/indexer/indexer-metrics';
import { forwardRecall, initRecallModel, parameters as recallModelParameters, sparseAnswer } from '$lib/models/indexer/recall-model';
import { QUERIES, queryPosition } from '$lib/models/indexer/recall-task';
import { clopperPearsonLower } from '../support/binomial';

const model = initRecallModel(new Rng(0));
loadParams(readFileSync('static/models/recall-main.safetensors'), recallModelParameters(model));
const indexer = initIndexer(new Rng(0));
loadParams(readFileSync('static/models/indexer.safetensors'), indexerParameters(indexer));
const shipped = JSON.parse(readFileSync('static/models/indexer-metrics.json', 'utf8')) as { metrics: ShippedMetric[] };

/** The shipped sets, measured once from the weights (several tests read them). */
let measured: ShippedMetric[] | undefined;
const measuredSets = () => (measured ??= METRIC_SETS.map((set) => metricsAt(model, indexer, evaluationBatch(set), set.seed)));

describe('shipped recall model and indexer', () => {
  it('reproduce every number of indexer-metrics.json', () => {
    expect(shipped.metrics.length).toBe(METRIC_SETS.length);
    METRIC_SETS.forEach((set, i) => {
      const want = shipped.metrics.find((m) => m.length === set.length)!;
      expect(measuredSets()[i]).toEqual(want);
    });
  });

  it('support recall ≥ 0.98 at k = L/32 and dense accuracy ≥ 0.99 at every length with 95% confidence (Clopper–Pearson, enough queries)', () => {
    // The shipped sets alone are too small at the longer lengths (128 queries without a miss
    // support only 0.977), so fresh held-out sequences (seeds no training batch is drawn from) bring
    // every length to at least 300 queries.
    const more: Record<number, number> = { 1024: 0, 2048: 6, 4096: 22 };
    METRIC_SETS.forEach((set, i) => {
      const parts = [measuredSets()[i]];
      if (more[set.length] > 0) parts.push(metricsAt(model, indexer, evaluationBatch({ length: set.length, sequences: more[set.length], seed: 91_000 + i })));
      const queries = parts.reduce((n, m) => n + m.queries, 0);
      const count = (f: 'recall' | 'denseAccuracy') => parts.reduce((n, m) => n + Math.round(m[f] * m.queries), 0);
      expect(queries).toBeGreaterThanOrEqual(300);
      expect(clopperPearsonLower(count('recall'), queries)).toBeGreaterThanOrEqual(0.98);
      expect(clopperPearsonLower(count('denseAccuracy'), queries)).toBeGreaterThanOrEqual(0.99);
    });
  });

  it('meet the targets: dense ≥ 99%, recall ≥ 0.98 at k = L/32, sparse within 1 point of dense', () => {
    for (const m of shipped.metrics) {
      expect(m.length).toBeGreaterThanOrEqual(1024);
      expect(m.k).toBe(m.length / 32);
      expect(m.denseAccuracy).toBeGreaterThanOrEqual(0.99);
      expect(m.recall).toBeGreaterThanOrEqual(0.98);
      expect(m.denseAccuracy - m.sparseAccuracy).toBeLessThanOrEqual(0.01);
    }
  });

  it('recall and sparse accuracy recomputed with the engine top-k agree with the shipped ones', () => {
    const set = METRIC_SETS[0];
    const data = evaluationBatch(set);
    const L = data.length, k = L / 32;
    const dense = forwardRecall(new Tape({ record: false }), model, data);
    const scores = indexScores(new Tape({ record: false }), indexer, dense.hidden);
    const tape = new Tape({ record: false });
    let found = 0, right = 0;
    for (let b = 0; b < data.batch; b++) {
      for (let q = 0; q < QUERIES; q++) {
        const i = b * QUERIES + q;
        // Only positions up to the query are candidates: take the top-k of that prefix.
        const visible = queryPosition(L, q) + 1;
        const row = scores.data.subarray(i * L, i * L + visible);
        const kept = topk(tape, new Tensor(row.slice(), [visible]), k).indices;
        if (Array.from(kept).includes(data.needed[i])) found++;
        if (sparseAnswer(model, dense, b, q, kept) === data.answers[i]) right++;
      }
    }
    const want = shipped.metrics.find((m) => m.length === set.length)!;
    expect(found / (data.batch * QUERIES)).toBe(want.recall);
    expect(right / (data.batch * QUERIES)).toBe(want.sparseAccuracy);
  });

  it('attention rows of the dense model sum to 1 and vanish after the query', () => {
    const data = evaluationBatch({ length: 256, sequences: 4, seed: 3 });
    const { attention } = forwardRecall(new Tape({ record: false }), model, data);
    const L = data.length;
    for (let r = 0; r < data.batch * QUERIES; r++) {
      const t = queryPosition(L, r % QUERIES);
      let s = 0;
      for (let j = 0; j < L; j++) {
        if (j > t) expect(attention.data[r * L + j]).toBe(0);
        s += attention.data[r * L + j];
      }
      expect(s).toBeCloseTo(1, 5);
    }
  });
});
