/**
 * Multiply-adds of one causal attention layer over a whole sequence, dense against sparse with a
 * lightning indexer, counted from the shapes of figure 11's models (no timing, no estimates).
 *
 *  dense:  project every token to q, k, v (D·(2·dk + dv) each), then token t compares its query
 *          with t earlier keys (dk each) and mixes t values (dv each).
 *  sparse: the same projections, plus the indexer's (D·(H·dI + H + dI) per token: head queries,
 *          head weights, the shared key); token t scores all t earlier tokens with the indexer
 *          (H·dI for the head dot products + H for the weights, per earlier token), then attends
 *          to only min(t, k) of them.
 * Softmax exponentials, ReLUs and the top-k selection are not multiply-adds and are not counted;
 * nor is the output projection, which is the same in both.
 */
import { INDEXER_SHAPE, type IndexerShape } from './lightning-indexer';
import { MODEL_DIM } from './recall-model';

export interface AttentionShape {
  /** Hidden width D. */
  model: number;
  /** Query/key width and value width of the attention (one head here). */
  key: number;
  value: number;
  indexer: IndexerShape;
}

/** Lengths the cost chart spans: 256 … 131,072 tokens, doubling. */
export const COST_LENGTHS = Array.from({ length: 10 }, (_, i) => 256 * 2 ** i);

export const FIGURE_11_SHAPE: AttentionShape = { model: MODEL_DIM, key: MODEL_DIM, value: MODEL_DIM, indexer: INDEXER_SHAPE };

/** Σ_{t=1}^{L} min(t, k): earlier tokens read in total when each reads at most k (token t sees t, itself included). */
export function pairsRead(length: number, k = Infinity): number {
  const c = Math.min(k, length);
  return (c * (c + 1)) / 2 + (length - c) * c;
}

export function denseMacs(length: number, s: AttentionShape = FIGURE_11_SHAPE): number {
  return length * s.model * (2 * s.key + s.value) + pairsRead(length) * (s.key + s.value);
}

/**
 * Sparse attention's multiply-adds in two parts: what the indexer spends (its own projections and
 * scoring every earlier token) and what attention still spends (the q, k, v projections and the
 * kept tokens). The two add up to sparseMacs.
 */
export function sparseParts(length: number, k: number, s: AttentionShape = FIGURE_11_SHAPE): { indexer: number; attention: number } {
  const { heads: H, dim } = s.indexer;
  return {
    indexer: length * s.model * (H * dim + H + dim) + pairsRead(length) * (H * dim + H),
    attention: length * s.model * (2 * s.key + s.value) + pairsRead(length, k) * (s.key + s.value)
  };
}

export function sparseMacs(length: number, k: number, s: AttentionShape = FIGURE_11_SHAPE): number {
  const { indexer, attention } = sparseParts(length, k, s);
  return indexer + attention;
}

/** Share of the dense multiply-adds that sparse attention with top-k does not spend (negative: it costs more). */
export function computeSaved(length: number, k: number, s: AttentionShape = FIGURE_11_SHAPE): number {
  return 1 - sparseMacs(length, k, s) / denseMacs(length, s);
}
