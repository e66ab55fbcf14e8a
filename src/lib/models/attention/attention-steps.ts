/**
 * One attention head of the tiny transformer, step by step, written as plain loops over the
 * model's weights — the numbers figure 8b's step-through shows. It recomputes the residual stream
 * from the embeddings itself rather than reading the engine's tape, so the test that compares it
 * with `forward` checks two independent implementations against each other.
 *
 *   X = LayerNorm(stream)   Q = X·W_Q   K = X·W_K   V = X_V·W_V   (X_V = X, or the raw embeddings
 *   scores = Q·Kᵀ           scaled = scores / √d_k   weights = softmax(scaled)    in binding layer 2)
 *   output = weights · V
 */
import { SENTENCE_LENGTH } from './winograd-corpus';
import { D_MODEL, LAYERS, type TinyTransformer } from './tiny-transformer';

export type Matrix = number[][];

export interface HeadSteps {
  layer: number;
  x: Matrix;
  /** The rows V is made from (equal to x except in the binding wiring's last layer). */
  valueInput: Matrix;
  valueFromRawEmbeddings: boolean;
  wq: Matrix;
  wk: Matrix;
  wv: Matrix;
  q: Matrix;
  k: Matrix;
  v: Matrix;
  scores: Matrix;
  scaled: Matrix;
  weights: Matrix;
  output: Matrix;
}

const rowsOf = (data: Float32Array, rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, r * cols + cols)));

function product(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, aik, k) => s + aik * b[k][j], 0)));
}

const transposed = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));

function layerNormRows(x: Matrix, gain: Float32Array, bias: Float32Array, eps = 1e-5): Matrix {
  return x.map((row) => {
    const mean = row.reduce((s, v) => s + v, 0) / row.length;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
    return row.map((v, j) => ((v - mean) / Math.sqrt(variance + eps)) * gain[j] + bias[j]);
  });
}

function softmaxRows(x: Matrix): Matrix {
  return x.map((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

/** The raw token embeddings of a sentence, one row per word (no position). */
export function rawEmbeddings(model: TinyTransformer, tokens: readonly number[]): Matrix {
  return tokens.map((t) => Array.from(model.tokenEmbedding.data.subarray(t * D_MODEL, (t + 1) * D_MODEL)));
}

/** Every layer's head for one sentence, in order. */
export function headSteps(model: TinyTransformer, tokens: readonly number[]): HeadSteps[] {
  const d = D_MODEL;
  const raw = rawEmbeddings(model, tokens);
  const pos = rowsOf(model.positionEmbedding.data, SENTENCE_LENGTH, d);
  let stream = raw.map((row, i) => row.map((v, j) => v + pos[i][j]));
  const steps: HeadSteps[] = [];
  for (let l = 0; l < LAYERS; l++) {
    const p = model.layers[l];
    const x = layerNormRows(stream, p.lnGain.data, p.lnBias.data);
    const valueFromRawEmbeddings = model.wiring === 'binding' && l === LAYERS - 1;
    const valueInput = valueFromRawEmbeddings ? raw : x;
    const wq = rowsOf(p.wq.data, d, d), wk = rowsOf(p.wk.data, d, d), wv = rowsOf(p.wv.data, d, d);
    const q = product(x, wq), k = product(x, wk), v = product(valueInput, wv);
    const scores = product(q, transposed(k));
    const scaled = scores.map((row) => row.map((s) => s / Math.sqrt(d)));
    const weights = softmaxRows(scaled);
    const output = product(weights, v);
    steps.push({ layer: l, x, valueInput, valueFromRawEmbeddings, wq, wk, wv, q, k, v, scores, scaled, weights, output });
    stream = stream.map((row, i) => row.map((s, j) => s + output[i][j]));
  }
  return steps;
}

/** Figure 8a's rigid rule: score(A, B) = embedding_A · embedding_B for every pair of words. */
export function dotProductMatrix(model: TinyTransformer, tokens: readonly number[]): Matrix {
  const e = rawEmbeddings(model, tokens);
  return product(e, transposed(e));
}
