/**
 * Inverted dropout: while training, each value is kept with probability 1 − p and scaled by
 * 1 / (1 − p), so the expected output equals the input and inference needs no rescaling. The mask
 * comes from the caller's seeded Rng, so a run is reproducible. Outside training (or with p = 0)
 * the input is returned as is, and nothing is recorded.
 */
import type { Rng } from '../random';
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export function dropout(tape: Tape, x: Tensor, p: number, rng: Rng, training: boolean): Tensor {
  if (!(p >= 0 && p < 1)) throw new Error(`dropout: p must be in [0, 1), got ${p}`);
  if (!training || p === 0) return x;
  const scale = 1 / (1 - p);
  const out = tape.output(x.shape);
  const mask = tape.scratch(x.size); // 0 or scale per element
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) {
    mask[i] = rng.uniform() < p ? 0 : scale;
    O[i] = A[i] * mask[i];
  }
  tape.record('dropout', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] += G[i] * mask[i];
  });
  return out;
}
