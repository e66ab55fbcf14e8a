/**
 * Causal mask for attention scores [..., Tq, Tk]: query i may only look at keys j ≤ i + offset
 * (offset = Tk − Tq by default, so the last query sees every key). Later keys are set to `fill`,
 * −∞ by default, which softmax turns into probability exactly 0 (softmax here returns zeros rather
 * than NaN even for a row with every key masked). Masked positions pass no gradient.
 */
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export interface CausalMaskOptions {
  offset?: number;
  fill?: number;
}

export function causalMask(tape: Tape, scores: Tensor, options: CausalMaskOptions = {}): Tensor {
  if (scores.ndim < 2) throw new Error(`causalMask: scores need 2 axes, got [${scores.shape}]`);
  const Tq = scores.shape[scores.ndim - 2], Tk = scores.shape[scores.ndim - 1];
  const offset = options.offset ?? Tk - Tq;
  const fill = options.fill ?? -Infinity;
  const mats = Tq * Tk === 0 ? 0 : scores.size / (Tq * Tk);
  const out = tape.output(scores.shape);
  const A = scores.data, O = out.data;
  for (let b = 0, base = 0; b < mats; b++) {
    for (let i = 0; i < Tq; i++, base += Tk) {
      // Keys 0 … i + offset are visible, clamped to the row.
      const visible = Math.max(0, Math.min(Tk, i + offset + 1));
      for (let j = 0; j < visible; j++) O[base + j] = A[base + j];
      for (let j = visible; j < Tk; j++) O[base + j] = fill;
    }
  }
  tape.record('causalMask', [scores], out, () => {
    const G = out.grad!, GA = scores.grad!;
    for (let b = 0, base = 0; b < mats; b++) {
      for (let i = 0; i < Tq; i++, base += Tk) {
        const visible = Math.max(0, Math.min(Tk, i + offset + 1));
        for (let j = 0; j < visible; j++) GA[base + j] += G[base + j];
      }
    }
  });
  return out;
}
