/**
 * Multi-head causal self-attention, the code transformer's one way of reading earlier bytes
 * (Vaswani et al. 2017, §3.2.2, with the decoder's mask). For x of shape [B, T, d] and H heads of
 * d/H dimensions each:
 *   Q = x·W_Q, K = x·W_K, V = x·W_V, each split into heads → [B, H, T, d/H];
 *   weights = softmax(mask(Q·Kᵀ / √(d/H)))  — position i sees positions 0 … i only;
 *   output  = concat_heads(weights · V) · W_O  → [B, T, d].
 * The same formula as figure 8b's single head (models/attention/tiny-transformer.ts), split into
 * heads and masked so that a byte is predicted from the bytes before it alone.
 */
import { Rng, Tape, Tensor, causalMask, matmul, mul, normal, param, permute, reshape, softmax, transpose } from '$lib/engine';

export interface AttentionParams {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  /** Mixes the heads' outputs back into the residual stream. */
  wo: Tensor;
}

/** What one attention layer computed: heads first, [B, H, T, ·]; output [B, T, d]. */
export interface AttentionTrace {
  q: Tensor;
  k: Tensor;
  v: Tensor;
  /** [B, H, T, T]: row i is where position i looks; every row sums to 1, zero right of the diagonal. */
  weights: Tensor;
  output: Tensor;
}

/**
 * GPT-2's initialisation (Radford et al. 2019): normal with σ = 0.02, and σ/√(2·layers) for W_O,
 * which adds into the residual stream once per layer (with the feed-forward's output projection).
 */
export function createAttention(rng: Rng, d: number, layers: number, name: string): AttentionParams {
  const w = (key: string, std = 0.02) => param(normal(rng, [d, d], 0, std), `${name}.${key}`);
  return { wq: w('wq'), wk: w('wk'), wv: w('wv'), wo: w('wo', 0.02 / Math.sqrt(2 * layers)) };
}

export const attentionParams = (p: AttentionParams): Tensor[] => [p.wq, p.wk, p.wv, p.wo];

/** [B, T, d] → [B, H, T, d/H]. */
function splitHeads(tape: Tape, x: Tensor, heads: number): Tensor {
  const [B, T, d] = x.shape;
  return permute(tape, reshape(tape, x, [B, T, heads, d / heads]), [0, 2, 1, 3]);
}

export function causalSelfAttention(tape: Tape, x: Tensor, p: AttentionParams, heads: number): AttentionTrace {
  const [B, T, d] = x.shape;
  if (d % heads !== 0) throw new Error(`causalSelfAttention: ${d} dimensions do not split into ${heads} heads`);
  const q = splitHeads(tape, matmul(tape, x, p.wq), heads);
  const k = splitHeads(tape, matmul(tape, x, p.wk), heads);
  const v = splitHeads(tape, matmul(tape, x, p.wv), heads);
  const scores = mul(tape, matmul(tape, q, transpose(tape, k)), 1 / Math.sqrt(d / heads));
  const weights = softmax(tape, causalMask(tape, scores));
  const mixed = permute(tape, matmul(tape, weights, v), [0, 2, 1, 3]);
  const output = matmul(tape, reshape(tape, mixed, [B, T, d]), p.wo);
  return { q, k, v, weights, output };
}
