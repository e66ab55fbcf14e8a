/**
 * The k largest values along the last axis, sorted from largest to smallest, with their indices.
 * Among equal values the lower index comes first. The gradient of each kept value flows back to
 * the position it was taken from; the other positions get none.
 */
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export interface TopK {
  /** [..., k] */
  values: Tensor;
  /** [..., k] flattened row-major: index along the last axis of each kept value. */
  indices: Int32Array;
}

export function topk(tape: Tape, x: Tensor, k: number): TopK {
  const n = x.shape[x.ndim - 1];
  if (x.ndim < 1 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`topk: k = ${k} must be an integer in [0, ${n}] for [${x.shape}]`);
  }
  const rows = n === 0 ? 0 : x.size / n;
  const shape = x.shape.slice();
  shape[shape.length - 1] = k;
  const values = tape.output(shape);
  const indices = new Int32Array(rows * k);
  const A = x.data, V = values.data;
  for (let r = 0; r < rows; r++) {
    const base = r * n, o = r * k;
    // Insertion into a sorted list of the best k so far: O(n·k), fast for the small k attention
    // sparsity uses, and stable (a later equal value never displaces an earlier one).
    let filled = 0;
    for (let j = 0; j < n; j++) {
      const v = A[base + j];
      if (filled === k && !(v > V[o + k - 1])) continue;
      let p = filled < k ? filled++ : k - 1;
      while (p > 0 && v > V[o + p - 1]) {
        V[o + p] = V[o + p - 1];
        indices[o + p] = indices[o + p - 1];
        p--;
      }
      V[o + p] = v;
      indices[o + p] = j;
    }
  }
  tape.record('topk', [x], values, () => {
    const G = values.grad!, GA = x.grad!;
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < k; q++) GA[r * n + indices[r * k + q]] += G[r * k + q];
    }
  });
  return { values, indices };
}
