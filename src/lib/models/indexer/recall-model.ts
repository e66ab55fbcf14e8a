/**
 * The dense-attention model that solves the recall task of recall-task.ts: the "main model" whose
 * attention the indexer of lightning-indexer.ts learns to predict.
 *
 * Two layers, no position embeddings:
 *  1. token shift: each position's hidden vector is the embedding of its own token plus a second
 *     embedding of the token before it, h(t) = E_cur[x(t)] + E_prev[x(t−1)]. So the value token
 *     after key K carries "my previous token was K" in its vector;
 *  2. one causal attention head, read only at the query positions: the query key K asks for the
 *     position whose previous token was K, and copies that position's value, which a linear layer
 *     turns into a score for each of the 32 values.
 * With no position embeddings nothing in the model depends on the length, so a model trained on
 * short sequences runs on long ones; fine-tuning at the long length sharpens the attention enough
 * to pick one token out of thousands.
 */
import {
  Rng, Tape, Tensor, add, causalMask, crossEntropy, embedding, linear, matmul, mul, normal, param, slice, softmax,
  transpose, zeros, glorotUniform
} from '$lib/engine';
import { QUERIES, START, VALUES, VOCAB, type RecallBatch } from './recall-task';

/** Width of the hidden vectors and of the attention head. */
export const MODEL_DIM = 32;

export interface RecallModel {
  embCur: Tensor;
  embPrev: Tensor;
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  wo: Tensor;
  bo: Tensor;
}

export function initRecallModel(rng: Rng): RecallModel {
  const D = MODEL_DIM;
  return {
    embCur: param(normal(rng, [VOCAB, D], 0, 0.5), 'main.emb_cur'),
    embPrev: param(normal(rng, [VOCAB, D], 0, 0.5), 'main.emb_prev'),
    wq: param(glorotUniform(rng, [D, D]), 'main.wq'),
    wk: param(glorotUniform(rng, [D, D]), 'main.wk'),
    wv: param(glorotUniform(rng, [D, D]), 'main.wv'),
    wo: param(glorotUniform(rng, [D, VALUES]), 'main.wo'),
    bo: param(zeros([VALUES]), 'main.bo')
  };
}

/** The tensors gradient descent changes. */
export function parameters(m: RecallModel): Tensor[] {
  return [m.embCur, m.embPrev, m.wq, m.wk, m.wv, m.wo, m.bo];
}

/** Each position's previous token id (the start token before position 0). */
export function previousTokens(tokens: Int32Array, batch: number, length: number): Int32Array {
  const prev = new Int32Array(tokens.length);
  for (let b = 0; b < batch; b++) {
    prev[b * length] = START;
    for (let t = 1; t < length; t++) prev[b * length + t] = tokens[b * length + t - 1];
  }
  return prev;
}

/** Layer 1, the token shift: [batch, length, D] hidden vectors. */
export function hiddenStates(tape: Tape, m: RecallModel, data: RecallBatch): Tensor {
  const shape = [data.batch, data.length];
  const prev = previousTokens(data.tokens, data.batch, data.length);
  return add(tape, embedding(tape, m.embCur, data.tokens, shape), embedding(tape, m.embPrev, prev, shape));
}

/** The hidden vectors of the QUERIES positions at the end of each sequence: [batch, QUERIES, D]. */
export function queryRows(tape: Tape, hidden: Tensor): Tensor {
  const [B, L, D] = hidden.shape;
  return slice(tape, hidden, [0, L - QUERIES, 0], [B, QUERIES, D]);
}

export interface RecallForward {
  hidden: Tensor;
  /** Attention logits q·k/√D at the query positions, causally masked (−∞ on later positions): [batch, QUERIES, length]. */
  scores: Tensor;
  /** Attention weights at the query positions: [batch, QUERIES, length], each row sums to 1. */
  attention: Tensor;
  /** Value vectors of every position: [batch, length, D]. */
  values: Tensor;
  /** Scores for the 32 values at each query: [batch, QUERIES, VALUES]. */
  logits: Tensor;
}

/** The model up to its attention weights: what the indexer's warm-up needs, and no more. */
export function attentionAtQueries(tape: Tape, m: RecallModel, data: RecallBatch): Pick<RecallForward, 'hidden' | 'scores' | 'attention'> {
  const hidden = hiddenStates(tape, m, data);
  const q = linear(tape, queryRows(tape, hidden), m.wq, null);
  const k = linear(tape, hidden, m.wk, null);
  // The queries are the last QUERIES positions, so the default causal offset (length − QUERIES)
  // lets query q see positions 0 … length − QUERIES + q: itself and everything before it.
  const scores = causalMask(tape, mul(tape, matmul(tape, q, transpose(tape, k)), 1 / Math.sqrt(MODEL_DIM)));
  return { hidden, scores, attention: softmax(tape, scores) };
}

export function forwardRecall(tape: Tape, m: RecallModel, data: RecallBatch): RecallForward {
  const { hidden, scores, attention } = attentionAtQueries(tape, m, data);
  const values = linear(tape, hidden, m.wv, null);
  const logits = linear(tape, matmul(tape, attention, values), m.wo, m.bo);
  return { hidden, scores, attention, values, logits };
}

/** Mean cross-entropy of the answers at the query positions. */
export function recallLoss(tape: Tape, m: RecallModel, data: RecallBatch): { loss: Tensor; forward: RecallForward } {
  const forward = forwardRecall(tape, m, data);
  return { loss: crossEntropy(tape, forward.logits, data.answers), forward };
}

/** Index of the largest of n scores starting at `offset` (first on ties). */
export function argmax(x: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (x[offset + j] > x[offset + best]) best = j;
  return best;
}

/** Share of queries answered correctly by dense attention. */
export function denseAccuracy(m: RecallModel, data: RecallBatch): number {
  const { logits } = forwardRecall(new Tape({ record: false }), m, data);
  let right = 0;
  for (let i = 0; i < data.answers.length; i++) if (argmax(logits.data, i * VALUES, VALUES) === data.answers[i]) right++;
  return right / data.answers.length;
}

/** The answer from attention output `out` (unnormalised by `z`): argmax over the 32 values. */
function answerFrom(m: RecallModel, out: Float64Array, z: number): number {
  const D = MODEL_DIM, Wo = m.wo.data, bo = m.bo.data;
  let best = -1, bestScore = -Infinity;
  for (let c = 0; c < VALUES; c++) {
    let acc = bo[c];
    for (let d = 0; d < D; d++) acc += (out[d] / z) * Wo[d * VALUES + c];
    if (acc > bestScore) {
      bestScore = acc;
      best = c;
    }
  }
  return best;
}

/**
 * The model's answers at one query when attention may only read the first k positions of `order`,
 * for each k in `ks` (ascending): the softmax runs over the kept scores alone (the sparse attention
 * of DeepSeek Sparse Attention, where the other tokens are not read). One pass over `order` with
 * a running maximum, rescaling the partial sums when it grows (the "online softmax"), so a whole
 * grid of k costs about as much as the largest. Plain loops: evaluation, not training.
 */
export function sparseAnswers(
  m: RecallModel, forward: RecallForward, seq: number, query: number, order: ArrayLike<number>, ks: readonly number[]
): Int32Array {
  const [, Q, L] = forward.scores.shape;
  const D = MODEL_DIM;
  const row = (seq * Q + query) * L;
  const S = forward.scores.data, V = forward.values.data;
  const answers = new Int32Array(ks.length);
  const out = new Float64Array(D);
  let mx = -Infinity, z = 0, read = 0;
  ks.forEach((k, g) => {
    const upto = Math.min(k, order.length);
    for (; read < upto; read++) {
      const s = order[read];
      const a = S[row + s];
      if (a > mx) {
        const shrink = Math.exp(mx - a); // 0 on the first position
        for (let d = 0; d < D; d++) out[d] *= shrink;
        z *= shrink;
        mx = a;
      }
      const w = Math.exp(a - mx);
      z += w;
      const vo = (seq * L + s) * D;
      for (let d = 0; d < D; d++) out[d] += w * V[vo + d];
    }
    answers[g] = answerFrom(m, out, z);
  });
  return answers;
}

/** The answer at one query when attention reads only the first `count` positions of `kept`. */
export function sparseAnswer(
  m: RecallModel, forward: RecallForward, seq: number, query: number, kept: ArrayLike<number>, count = kept.length
): number {
  return sparseAnswers(m, forward, seq, query, kept, [count])[0];
}
