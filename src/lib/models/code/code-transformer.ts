/**
 * The code model of issue 20: a decoder-only transformer over bytes (GPT-2's layout, Radford et
 * al. 2019, at toy size). Each position reads a byte (or FILE_START) and predicts the next byte:
 *
 *   x = E[symbol] + P[position]                                   [B, T, d]
 *   for each layer:  x = x + Attention(LN(x))                     (causal-attention.ts)
 *                    x = x + W₂·relu(W₁·LN(x) + b₁) + b₂          (feed-forward, hidden = 4d by default)
 *   logits = LN(x) · W_out + b_out                                [B, T, 256]
 *
 * Pre-layer-norm (each sublayer reads a normalised copy; the residual stream itself is never
 * normalised) trains stably without a warm-up trick at this depth. Positions are learnt, one row
 * per place in the context window, so the model reads at most `context` symbols at a time.
 */
import {
  Rng, Tape, Tensor, add, crossEntropy, embedding, layerNorm, linear, normal, ones, param, relu, zeros
} from '$lib/engine';
import { BYTE_VOCAB, INPUT_SYMBOLS } from './code-bytes';
import { attentionParams, causalSelfAttention, createAttention, type AttentionParams, type AttentionTrace } from './causal-attention';

export interface CodeTransformerConfig {
  /** Longest input the model reads (positions 0 … context − 1). */
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  /** Width of each feed-forward layer's hidden layer. */
  hidden: number;
}

/** A size that trains on this engine in Node within the budget; the training script may choose another. */
export const CODE_MODEL_CONFIG: CodeTransformerConfig = { context: 128, dModel: 96, heads: 4, layers: 4, hidden: 384 };

export interface CodeBlock {
  ln1Gain: Tensor;
  ln1Bias: Tensor;
  attention: AttentionParams;
  ln2Gain: Tensor;
  ln2Bias: Tensor;
  ff1: Tensor;
  ff1Bias: Tensor;
  ff2: Tensor;
  ff2Bias: Tensor;
}

export interface CodeTransformer {
  config: CodeTransformerConfig;
  tokenEmbedding: Tensor;
  positionEmbedding: Tensor;
  blocks: CodeBlock[];
  outGain: Tensor;
  outBias: Tensor;
  head: Tensor;
  headBias: Tensor;
}

export function createCodeTransformer(config: CodeTransformerConfig, seed: number): CodeTransformer {
  const { context, dModel: d, layers, hidden } = config;
  if (d % config.heads !== 0) throw new Error(`dModel ${d} does not split into ${config.heads} heads`);
  const rng = new Rng(seed);
  const w = (shape: number[], name: string, std = 0.02) => param(normal(rng, shape, 0, std), name);
  const block = (l: number): CodeBlock => ({
    ln1Gain: param(ones([d]), `block${l}.ln1.gain`),
    ln1Bias: param(zeros([d]), `block${l}.ln1.bias`),
    attention: createAttention(rng, d, layers, `block${l}.attention`),
    ln2Gain: param(ones([d]), `block${l}.ln2.gain`),
    ln2Bias: param(zeros([d]), `block${l}.ln2.bias`),
    ff1: w([d, hidden], `block${l}.ff1.weight`),
    ff1Bias: param(zeros([hidden]), `block${l}.ff1.bias`),
    ff2: w([hidden, d], `block${l}.ff2.weight`, 0.02 / Math.sqrt(2 * layers)),
    ff2Bias: param(zeros([d]), `block${l}.ff2.bias`)
  });
  return {
    config,
    tokenEmbedding: w([INPUT_SYMBOLS, d], 'token_embedding'),
    positionEmbedding: w([context, d], 'position_embedding'),
    blocks: Array.from({ length: layers }, (_, l) => block(l)),
    outGain: param(ones([d]), 'out.ln.gain'),
    outBias: param(zeros([d]), 'out.ln.bias'),
    head: w([d, BYTE_VOCAB], 'head.weight'),
    headBias: param(zeros([BYTE_VOCAB]), 'head.bias')
  };
}

export function parameters(m: CodeTransformer): Tensor[] {
  return [
    m.tokenEmbedding, m.positionEmbedding,
    ...m.blocks.flatMap((b) => [
      b.ln1Gain, b.ln1Bias, ...attentionParams(b.attention), b.ln2Gain, b.ln2Bias, b.ff1, b.ff1Bias, b.ff2, b.ff2Bias
    ]),
    m.outGain, m.outBias, m.head, m.headBias
  ];
}

export function parameterCount(m: CodeTransformer): number {
  return parameters(m).reduce((n, p) => n + p.size, 0);
}

export interface CodeForward {
  /** [B, T, 256]: the next-byte logits at every position. */
  logits: Tensor;
  /** One trace per layer: its attention weights and what it added. */
  layers: AttentionTrace[];
}

/**
 * Runs B sequences of T symbols each (row-major in `symbols`: bytes 0–255 or FILE_START),
 * T ≤ context. Position t's logits depend on symbols 0 … t of its own row only.
 */
export function forward(tape: Tape, m: CodeTransformer, symbols: ArrayLike<number>, batch: number): CodeForward {
  const T = symbols.length / batch;
  if (!Number.isInteger(T) || T < 1) throw new Error(`forward: ${symbols.length} symbols do not make ${batch} rows`);
  if (T > m.config.context) throw new Error(`forward: ${T} symbols exceed the context of ${m.config.context}`);
  const positions = new Int32Array(batch * T);
  for (let i = 0; i < positions.length; i++) positions[i] = i % T;
  let x = add(tape, embedding(tape, m.tokenEmbedding, symbols, [batch, T]), embedding(tape, m.positionEmbedding, positions, [batch, T]));
  const layers: AttentionTrace[] = [];
  for (const b of m.blocks) {
    const trace = causalSelfAttention(tape, layerNorm(tape, x, b.ln1Gain, b.ln1Bias), b.attention, m.config.heads);
    layers.push(trace);
    x = add(tape, x, trace.output);
    const h = relu(tape, linear(tape, layerNorm(tape, x, b.ln2Gain, b.ln2Bias), b.ff1, b.ff1Bias));
    x = add(tape, x, linear(tape, h, b.ff2, b.ff2Bias));
  }
  const logits = linear(tape, layerNorm(tape, x, m.outGain, m.outBias), m.head, m.headBias);
  return { logits, layers };
}

/** The forward pass without recording gradients (what generation and evaluation read). */
export function read(m: CodeTransformer, symbols: ArrayLike<number>, batch = 1): CodeForward {
  return forward(new Tape({ record: false }), m, symbols, batch);
}

/** Mean cross-entropy in nats per predicted byte; `targets[i]` is the byte after `symbols[i]`. */
export function loss(tape: Tape, m: CodeTransformer, symbols: ArrayLike<number>, targets: ArrayLike<number>, batch: number): Tensor {
  return crossEntropy(tape, forward(tape, m, symbols, batch).logits, targets);
}
