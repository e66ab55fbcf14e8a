/**
 * The tiny transformer of figure 8b: token + position embeddings, two self-attention layers with
 * one head each (d_model = d_k = 16), pre-layer-norm, residual connections, and a classifier that
 * names the noun "it" refers to. Attention is the formula of Vaswani et al. (2017), eq. 1:
 *   Q = X·W_Q, K = X·W_K, V = X·W_V;  weights = softmax(Q·Kᵀ / √d_k);  output = weights · V.
 * No causal mask: the classifier reads the whole sentence, as an encoder does.
 *
 * Two wirings, trained on the same corpus with the same loss:
 *  - 'plain': the textbook stack. Layer 2 reads the residual stream for Q, K and V; the classifier
 *    reads the layer-normed stream at "it". It solves the task, but by shortcuts (e.g. the
 *    adjective's information travels to "it" without "it" looking at the noun).
 *  - 'binding': layer 2 takes its values from the raw token embeddings (E[token]·W_V, no position,
 *    nothing mixed in by layer 1), and the classifier reads only layer 2's attention output at
 *    "it". The only way to name the noun is then for "it" to attend to it: the answer can only
 *    come from the words "it" looks at. Layer 1 is free to carry the adjective's kind to "it" so that
 *    layer 2's query can choose.
 */
import {
  Rng, Tape, Tensor, add, crossEntropy, embedding, glorotUniform, layerNorm, linear, matmul, mul, normal,
  ones, param, reshape, slice, softmax, transpose, zeros
} from '$lib/engine';
import { IT_POSITION, NOUNS, SENTENCE_LENGTH, VOCAB } from './winograd-corpus';

export type Wiring = 'plain' | 'binding';
export const D_MODEL = 16;
export const LAYERS = 2;

export interface AttentionLayerParams {
  lnGain: Tensor;
  lnBias: Tensor;
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
}

export interface TinyTransformer {
  wiring: Wiring;
  tokenEmbedding: Tensor;
  positionEmbedding: Tensor;
  layers: AttentionLayerParams[];
  /** Final layer norm (plain wiring only reads through it; kept in both for one parameter list). */
  outGain: Tensor;
  outBias: Tensor;
  classifier: Tensor;
  classifierBias: Tensor;
}

export function createTinyTransformer(wiring: Wiring, seed: number): TinyTransformer {
  const rng = new Rng(seed);
  const d = D_MODEL;
  const layer = (l: number): AttentionLayerParams => ({
    lnGain: param(ones([d]), `layer${l}.ln.gain`),
    lnBias: param(zeros([d]), `layer${l}.ln.bias`),
    wq: param(glorotUniform(rng, [d, d]), `layer${l}.wq`),
    wk: param(glorotUniform(rng, [d, d]), `layer${l}.wk`),
    wv: param(glorotUniform(rng, [d, d]), `layer${l}.wv`)
  });
  return {
    wiring,
    tokenEmbedding: param(normal(rng, [VOCAB.length, d], 0, 1), 'token_embedding'),
    positionEmbedding: param(normal(rng, [SENTENCE_LENGTH, d], 0, 1), 'position_embedding'),
    layers: [layer(1), layer(2)],
    outGain: param(ones([d]), 'out.ln.gain'),
    outBias: param(zeros([d]), 'out.ln.bias'),
    classifier: param(glorotUniform(rng, [d, NOUNS.length]), 'classifier.weight'),
    classifierBias: param(zeros([NOUNS.length]), 'classifier.bias')
  };
}

export function parameters(m: TinyTransformer): Tensor[] {
  return [
    m.tokenEmbedding, m.positionEmbedding,
    ...m.layers.flatMap((l) => [l.lnGain, l.lnBias, l.wq, l.wk, l.wv]),
    m.outGain, m.outBias, m.classifier, m.classifierBias
  ];
}

export function parameterCount(m: TinyTransformer): number {
  return parameters(m).reduce((n, p) => n + p.size, 0);
}

/** What one attention layer computed, per sentence of the batch: [B, T, ·]. */
export interface LayerTrace {
  /** The layer-normed input that Q and K are made from (and V, except in binding layer 2). */
  x: Tensor;
  /** The rows V is made from: x, or the raw token embeddings in binding layer 2. */
  valueInput: Tensor;
  q: Tensor;
  k: Tensor;
  v: Tensor;
  scores: Tensor;
  scaled: Tensor;
  weights: Tensor;
  output: Tensor;
}

export interface ForwardResult {
  /** [B, classes] logits over NOUNS. */
  logits: Tensor;
  layers: LayerTrace[];
}

function attend(tape: Tape, x: Tensor, valueInput: Tensor, p: AttentionLayerParams): LayerTrace {
  const q = matmul(tape, x, p.wq), k = matmul(tape, x, p.wk), v = matmul(tape, valueInput, p.wv);
  const scores = matmul(tape, q, transpose(tape, k));
  const scaled = mul(tape, scores, 1 / Math.sqrt(D_MODEL));
  const weights = softmax(tape, scaled);
  const output = matmul(tape, weights, v);
  return { x, valueInput, q, k, v, scores, scaled, weights, output };
}

/** Runs a batch of B sentences (tokens: B × SENTENCE_LENGTH ids). */
export function forward(tape: Tape, m: TinyTransformer, tokens: ArrayLike<number>): ForwardResult {
  const T = SENTENCE_LENGTH, d = D_MODEL;
  const B = tokens.length / T;
  const positions = new Int32Array(B * T);
  for (let i = 0; i < positions.length; i++) positions[i] = i % T;
  const raw = embedding(tape, m.tokenEmbedding, tokens, [B, T]);
  let stream = add(tape, raw, embedding(tape, m.positionEmbedding, positions, [B, T]));
  const traces: LayerTrace[] = [];
  m.layers.forEach((p, l) => {
    const x = layerNorm(tape, stream, p.lnGain, p.lnBias);
    const valueInput = m.wiring === 'binding' && l === LAYERS - 1 ? raw : x;
    const trace = attend(tape, x, valueInput, p);
    traces.push(trace);
    stream = add(tape, stream, trace.output);
  });
  const atIt = (t: Tensor) => reshape(tape, slice(tape, t, [0, IT_POSITION, 0], [B, 1, d]), [B, d]);
  const features = m.wiring === 'binding'
    ? atIt(traces[LAYERS - 1].output)
    : layerNorm(tape, atIt(stream), m.outGain, m.outBias);
  return { logits: linear(tape, features, m.classifier, m.classifierBias), layers: traces };
}

/** The forward pass without recording gradients: what a figure reads (attention, logits) for a sentence. */
export function read(m: TinyTransformer, tokens: ArrayLike<number>): ForwardResult {
  return forward(new Tape({ record: false }), m, tokens);
}

export function loss(tape: Tape, m: TinyTransformer, tokens: ArrayLike<number>, answers: ArrayLike<number>): Tensor {
  return crossEntropy(tape, forward(tape, m, tokens).logits, answers);
}

export interface Evaluation {
  accuracy: number;
  /** Share of sentences where "it" gives more than half its weight to the right noun in the shown head. */
  bindingRate: number;
  /** Mean weight "it" gives to the right noun in the shown head. */
  meanWeightOnAnswer: number;
}

/**
 * The head the figure shows, by a fixed rule: the last layer's head, the one whose output at "it"
 * the binding wiring's classifier reads (the plain model is shown through the same head for comparison).
 */
export const SHOWN_LAYER = LAYERS - 1;

/** Accuracy and how strongly the shown head binds "it" to the answer, over a list of sentences. */
export function evaluate(m: TinyTransformer, tokens: ArrayLike<number>, answers: ArrayLike<number>, answerPositions: ArrayLike<number>): Evaluation {
  const { logits, layers } = read(m, tokens);
  const B = answers.length, C = NOUNS.length, T = SENTENCE_LENGTH;
  const w = layers[SHOWN_LAYER].weights.data;
  let correct = 0, bound = 0, weightSum = 0;
  for (let b = 0; b < B; b++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (logits.data[b * C + c] > logits.data[b * C + best]) best = c;
    if (best === answers[b]) correct++;
    const onAnswer = w[(b * T + IT_POSITION) * T + answerPositions[b]];
    weightSum += onAnswer;
    if (onAnswer > 0.5) bound++;
  }
  return { accuracy: correct / B, bindingRate: bound / B, meanWeightOnAnswer: weightSum / B };
}
