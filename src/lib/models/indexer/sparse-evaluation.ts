/**
 * How well the indexer's top-k serves the frozen recall model, measured on a batch of sequences:
 * recall (share of needed tokens inside the top-k), and the answers of dense attention and of
 * attention restricted to the top-k. Evaluated for a grid of k at once, so a figure's k slider
 * reads results without recomputing anything.
 */
import { Tape } from '$lib/engine';
import { indexScores, orderByScore, rankOf, type LightningIndexer } from './lightning-indexer';
import { argmax, forwardRecall, sparseAnswers, type RecallForward, type RecallModel } from './recall-model';
import { QUERIES, VALUES, queryPosition, type RecallBatch } from './recall-task';

/** k = 1, 2, 4 … up to the length: the k values a figure offers. */
export function kGrid(length: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k < length; k *= 2) ks.push(k);
  ks.push(length);
  return ks;
}

export interface SparseEvaluation {
  length: number;
  ks: number[];
  /** Per query (batch × QUERIES): rank of its needed token in the index order (0 = best). */
  neededRank: Int32Array;
  /** Per query: 1 when dense attention answers correctly. */
  denseCorrect: Uint8Array;
  /** [ks.length × queries]: 1 when attention over the top-k answers correctly. */
  sparseCorrect: Uint8Array;
}

/** The frozen model's dense pass, computed once and reused while only the indexer changes. */
export function denseReference(m: RecallModel, data: RecallBatch): RecallForward {
  return forwardRecall(new Tape({ record: false }), m, data);
}

export function evaluateSparse(
  m: RecallModel,
  ix: LightningIndexer,
  data: RecallBatch,
  dense: RecallForward = denseReference(m, data),
  ks = kGrid(data.length),
  /** The index scores of `data`, [batch, QUERIES, length], when the caller has them already. */
  scores: Float32Array = indexScores(new Tape({ record: false }), ix, dense.hidden).data
): SparseEvaluation {
  const L = data.length;
  const n = data.batch * QUERIES;
  const neededRank = new Int32Array(n);
  const denseCorrect = new Uint8Array(n);
  const sparseCorrect = new Uint8Array(ks.length * n);
  for (let b = 0; b < data.batch; b++) {
    for (let q = 0; q < QUERIES; q++) {
      const i = b * QUERIES + q;
      const row = i * L;
      const visible = queryPosition(L, q) + 1;
      neededRank[i] = rankOf(scores, row, visible, data.needed[i]);
      denseCorrect[i] = +(argmax(dense.logits.data, i * VALUES, VALUES) === data.answers[i]);
      const answers = sparseAnswers(m, dense, b, q, orderByScore(scores, row, visible), ks);
      ks.forEach((_, g) => (sparseCorrect[g * n + i] = +(answers[g] === data.answers[i])));
    }
  }
  return { length: L, ks, neededRank, denseCorrect, sparseCorrect };
}

export interface SparseSummary {
  k: number;
  recall: number;
  denseAccuracy: number;
  sparseAccuracy: number;
}

/** The readouts at one k of the grid. */
export function summarise(ev: SparseEvaluation, k: number): SparseSummary {
  const g = ev.ks.indexOf(k);
  if (g < 0) throw new Error(`summarise: k = ${k} is not on the evaluated grid`);
  const n = ev.neededRank.length;
  let found = 0, dense = 0, sparse = 0;
  for (let i = 0; i < n; i++) {
    if (ev.neededRank[i] < k) found++;
    dense += ev.denseCorrect[i];
    sparse += ev.sparseCorrect[g * n + i];
  }
  return { k, recall: found / n, denseAccuracy: dense / n, sparseAccuracy: sparse / n };
}
