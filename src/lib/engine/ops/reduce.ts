/**
 * Reductions: sum, mean and max, over every element or along one axis (negative axes count from
 * the end), optionally keeping the reduced axis as size 1.
 *
 * Along an axis the tensor is seen as [outer, n, inner] (n = the axis' size), so every reduction is
 * three plain loops whatever the rank.
 */
import type { Tape } from '../tape';
import { type Tensor, normAxis } from '../tensor';

interface Layout {
  outer: number;
  n: number;
  inner: number;
  shape: number[];
}

function layout(x: Tensor, axis: number | undefined, keepdims: boolean): Layout {
  if (axis === undefined) {
    return { outer: 1, n: x.size, inner: 1, shape: keepdims ? x.shape.map(() => 1) : [] };
  }
  const ax = normAxis(axis, x.ndim);
  let outer = 1, inner = 1;
  for (let d = 0; d < ax; d++) outer *= x.shape[d];
  for (let d = ax + 1; d < x.ndim; d++) inner *= x.shape[d];
  const shape = x.shape.slice();
  if (keepdims) shape[ax] = 1;
  else shape.splice(ax, 1);
  return { outer, n: x.shape[ax], inner, shape };
}

export function sum(tape: Tape, x: Tensor, axis?: number, keepdims = false): Tensor {
  return sumScaled(tape, 'sum', x, axis, keepdims, false);
}

export function mean(tape: Tape, x: Tensor, axis?: number, keepdims = false): Tensor {
  return sumScaled(tape, 'mean', x, axis, keepdims, true);
}

/** sum and mean differ only in a final factor 1/n, on the way forward and back. */
function sumScaled(tape: Tape, op: string, x: Tensor, axis: number | undefined, keepdims: boolean, average: boolean): Tensor {
  const { outer, n, inner, shape } = layout(x, axis, keepdims);
  const scale = average ? 1 / n : 1;
  const out = tape.output(shape);
  const A = x.data, O = out.data;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let i = 0; i < inner; i++) {
      let s = 0;
      for (let j = 0, k = base + i; j < n; j++, k += inner) s += A[k];
      O[o * inner + i] = s * scale;
    }
  }
  tape.record(op, [x], out, () => {
    // Every input element contributed once (times 1/n for the mean): spread the gradient back.
    const G = out.grad!, GA = x.grad!;
    for (let o = 0; o < outer; o++) {
      const base = o * n * inner;
      for (let i = 0; i < inner; i++) {
        const g = G[o * inner + i] * scale;
        for (let j = 0, k = base + i; j < n; j++, k += inner) GA[k] += g;
      }
    }
  });
  return out;
}

/**
 * Maximum. The gradient goes entirely to the first position holding the maximum (argmax routing);
 * with ties, TensorFlow instead gives it to every tied position.
 */
export function max(tape: Tape, x: Tensor, axis?: number, keepdims = false): Tensor {
  const { outer, n, inner, shape } = layout(x, axis, keepdims);
  if (n === 0) throw new Error('max: cannot reduce an empty axis');
  const out = tape.output(shape);
  const A = x.data, O = out.data;
  const arg = tape.scratchIndices(out.size); // flat index into x of each maximum
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let i = 0; i < inner; i++) {
      let best = base + i;
      for (let j = 1, k = base + i + inner; j < n; j++, k += inner) if (A[k] > A[best]) best = k;
      O[o * inner + i] = A[best];
      arg[o * inner + i] = best;
    }
  }
  tape.record('max', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[arg[i]] += G[i];
  });
  return out;
}
