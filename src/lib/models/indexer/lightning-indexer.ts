/**
 * The lightning indexer of DeepSeek Sparse Attention (DeepSeek-AI, "DeepSeek-V3.2: Pushing the
 * frontier of open large language models", technical report, 2025, arXiv:2512.02556, section 2.1),
 * at toy scale, on top of the frozen recall model of recall-model.ts.
 *
 * Index score between the current token t and an earlier token s:
 *
 *     I(t, s) = Σ_j w(t, j) · ReLU( q(t, j) · k(s) )
 *
 * with H small indexer heads j; the head queries q(t, j) and the head weights w(t, j) are computed
 * from token t's hidden vector, and one key k(s) per earlier token is shared by all heads. Only the
 * top-k earlier tokens by I(t, ·) are then read by attention.
 *
 * Training follows the report's dense warm-up: the main model is frozen and its attention stays
 * dense; the target at token t is its attention distribution summed over heads and normalised
 * (here one head, so the distribution itself), and the loss is
 *
 *     Σ_t KL( p(t, ·) ‖ softmax(I(t, ·)) ).
 *
 * Differences from the report, on purpose: we train and evaluate at the query positions only (the
 * only places where the task reads an answer); the report trains at every token. No FP8, no
 * rotary embeddings: our model has no positions at all.
 */
import {
  Rng, Tape, Tensor, causalMask, glorotUniform, linear, logSoftmax, matmul, mul, neg, param, relu, reshape, sum,
  transpose, add
} from '$lib/engine';
import { MODEL_DIM, queryRows } from './recall-model';
import { QUERIES } from './recall-task';

export interface IndexerShape {
  heads: number;
  /** Width of each head's query and of the shared key. */
  dim: number;
}

export const INDEXER_SHAPE: IndexerShape = { heads: 4, dim: 8 };

export interface LightningIndexer {
  shape: IndexerShape;
  /** Head queries: [D, heads·dim]. */
  wq: Tensor;
  /** Head weights w(t, j): [D, heads]. */
  ww: Tensor;
  /** The one shared key: [D, dim]. */
  wk: Tensor;
}

export function initIndexer(rng: Rng, shape: IndexerShape = INDEXER_SHAPE): LightningIndexer {
  const D = MODEL_DIM;
  return {
    shape,
    wq: param(glorotUniform(rng, [D, shape.heads * shape.dim]), 'indexer.wq'),
    ww: param(glorotUniform(rng, [D, shape.heads]), 'indexer.ww'),
    wk: param(glorotUniform(rng, [D, shape.dim]), 'indexer.wk')
  };
}

/** The tensors gradient descent changes. */
export function parameters(ix: LightningIndexer): Tensor[] {
  return [ix.wq, ix.ww, ix.wk];
}

/** Masked index scores get this instead of −∞, so 0 · log q stays 0 in the KL (never NaN). */
const MASKED = -1e30;

/**
 * Index scores I(t, s) for every query position t (the last QUERIES of each sequence) and every
 * position s: [batch, QUERIES, length]. Positions after t are masked to a huge negative number.
 */
export function indexScores(tape: Tape, ix: LightningIndexer, hidden: Tensor): Tensor {
  const [B, L] = hidden.shape;
  const { heads: H, dim } = ix.shape;
  const hq = queryRows(tape, hidden); //                                     [B, Q, D]
  const q = reshape(tape, linear(tape, hq, ix.wq, null), [B, QUERIES * H, dim]); // q(t, j)
  const k = linear(tape, hidden, ix.wk, null); //                            k(s): [B, L, dim]
  const perHead = relu(tape, matmul(tape, q, transpose(tape, k))); //        ReLU(q(t,j)·k(s)): [B, Q·H, L]
  const w = reshape(tape, linear(tape, hq, ix.ww, null), [B, QUERIES, 1, H]); // w(t, j)
  const weighted = matmul(tape, w, reshape(tape, perHead, [B, QUERIES, H, L])); // Σ_j: [B, Q, 1, L]
  return causalMask(tape, reshape(tape, weighted, [B, QUERIES, L]), { fill: MASKED });
}

/**
 * The warm-up target: the main model's attention summed over its heads and renormalised.
 * `attention` is [batch, heads, QUERIES, length] or, for a single head, [batch, QUERIES, length].
 */
export function attentionTarget(attention: Tensor): Tensor {
  if (attention.ndim === 3) return new Tensor(attention.data.slice(), attention.shape.slice());
  const [B, Hm, Q, L] = attention.shape;
  const out = new Float32Array(B * Q * L);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < Hm; h++) {
      for (let i = 0; i < Q * L; i++) out[b * Q * L + i] += attention.data[(b * Hm + h) * Q * L + i];
    }
  }
  for (let r = 0; r < B * Q; r++) {
    let s = 0;
    for (let j = 0; j < L; j++) s += out[r * L + j];
    for (let j = 0; j < L; j++) out[r * L + j] /= s;
  }
  return new Tensor(out, [B, Q, L]);
}

/** Σ p log p per row, averaged over rows: the part of the KL the indexer cannot change. */
function meanNegEntropy(p: Tensor): number {
  const L = p.shape[p.ndim - 1];
  const rows = p.size / L;
  let total = 0;
  for (let i = 0; i < p.size; i++) if (p.data[i] > 0) total += p.data[i] * Math.log(p.data[i]);
  return total / rows;
}

/**
 * Mean over query rows of KL(target ‖ softmax(scores)). The gradient flows into the indexer only
 * (the target is a constant: the main model is frozen).
 */
export function indexerKl(tape: Tape, scores: Tensor, target: Tensor): Tensor {
  const L = scores.shape[scores.ndim - 1];
  const rows = scores.size / L;
  const crossEntropy = mul(tape, neg(tape, sum(tape, mul(tape, target, logSoftmax(tape, scores)))), 1 / rows);
  return add(tape, crossEntropy, meanNegEntropy(target));
}

/**
 * Rank of position `s` among the visible positions 0 … t of one row of index scores: how many
 * would be kept before it (a higher score, or an equal one earlier in the sequence, as the
 * engine's top-k breaks ties). s is in the top-k exactly when its rank is below k.
 */
export function rankOf(scores: ArrayLike<number>, offset: number, visible: number, s: number): number {
  const v = scores[offset + s];
  let rank = 0;
  for (let j = 0; j < visible; j++) {
    const u = scores[offset + j];
    if (u > v || (u === v && j < s)) rank++;
  }
  return rank;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** A float32 mapped to an unsigned integer of the same order (negatives below positives, −0 as +0). */
function sortableBits(v: number): number {
  F32[0] = v === 0 ? 0 : v;
  const bits = U32[0];
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/**
 * Visible positions of one row ordered by index score, best first (ties: earlier first), the same
 * order as the engine's top-k. The first k entries are the indexer's top-k. Sorted as one float64
 * key per position (score bits · 2^20 + reversed position) with the native numeric sort, which is
 * several times faster than a comparator on rows of thousands.
 */
export function orderByScore(scores: ArrayLike<number>, offset: number, visible: number): Int32Array {
  const SPAN = 1 << 20;
  if (visible > SPAN) throw new Error(`orderByScore: at most ${SPAN} positions`);
  const keys = new Float64Array(visible);
  for (let j = 0; j < visible; j++) keys[j] = sortableBits(scores[offset + j]) * SPAN + (SPAN - 1 - j);
  keys.sort();
  const order = new Int32Array(visible);
  for (let i = 0; i < visible; i++) order[i] = SPAN - 1 - (keys[visible - 1 - i] % SPAN);
  return order;
}
