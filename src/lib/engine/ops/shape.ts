/**
 * Ops that move values without arithmetic: reshape, transpose / permute, slice, concat, gather
 * (embedding lookup). Each backward sends every gradient value back to the element it came from;
 * where an element was read several times (gather with repeated indices) the gradients add.
 */
import type { Tape } from '../tape';
import { type Shape, type Tensor, normAxis, sizeOf, stridesOf } from '../tensor';

/** Same data under a new shape (one entry may be -1: inferred). Shares the input's data, no copy. */
export function reshape(tape: Tape, x: Tensor, shape: Shape): Tensor {
  const target = shape.slice();
  const free = target.indexOf(-1);
  if (free >= 0) {
    let known = 1;
    target.forEach((d, i) => { if (i !== free) known *= d; });
    if (known === 0 || x.size % known !== 0) throw new Error(`reshape: cannot infer -1 in [${shape}] for ${x.size} values`);
    target[free] = x.size / known;
  }
  if (sizeOf(target) !== x.size) throw new Error(`reshape: [${x.shape}] has ${x.size} values, [${shape}] needs ${sizeOf(target)}`);
  const out = tape.view(x, target);
  tape.record('reshape', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] += G[i];
  });
  return out;
}

/**
 * Reorders axes: output axis d is input axis perm[d]. Walks the output in order and reads the
 * input through permuted strides (an odometer over the output index).
 */
export function permute(tape: Tape, x: Tensor, perm: readonly number[]): Tensor {
  const nd = x.ndim;
  if (perm.length !== nd || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
    throw new Error(`permute: [${perm}] is not a permutation of ${nd} axes`);
  }
  const inStrides = stridesOf(x.shape);
  const shape = perm.map((p) => x.shape[p]);
  const strides = perm.map((p) => inStrides[p]); // input stride of each output axis
  const out = tape.output(shape);
  const src = permutedIndex(shape, strides);
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = A[src[i]];
  tape.record('permute', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[src[i]] += G[i];
  });
  return out;
}

/** Swaps the last two axes (the matrix transpose, batched over leading axes). */
export function transpose(tape: Tape, x: Tensor): Tensor {
  if (x.ndim < 2) throw new Error(`transpose: need at least 2 axes, got [${x.shape}]`);
  const nd = x.ndim;
  const R = x.shape[nd - 2], C = x.shape[nd - 1];
  const batch = R * C === 0 ? 0 : x.size / (R * C);
  const shape = x.shape.slice();
  shape[nd - 2] = C;
  shape[nd - 1] = R;
  const out = tape.output(shape);
  const A = x.data, O = out.data;
  for (let b = 0, off = 0; b < batch; b++, off += R * C) {
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) O[off + c * R + r] = A[off + r * C + c];
  }
  tape.record('transpose', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let b = 0, off = 0; b < batch; b++, off += R * C) {
      for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) GA[off + r * C + c] += G[off + c * R + r];
    }
  });
  return out;
}

/**
 * A box of the input: `begin[d]` to `begin[d] + size[d]` on each axis (size -1: to the end;
 * missing trailing axes: whole). Copies contiguous rows of the last axis.
 */
export function slice(tape: Tape, x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  const nd = x.ndim;
  if (begin.length > nd || (size && size.length > nd)) throw new Error(`slice: too many axes for [${x.shape}]`);
  const b = x.shape.map((_, d) => begin[d] ?? 0);
  const shape = x.shape.map((n, d) => {
    const s = size?.[d] ?? -1;
    return s === -1 ? n - b[d] : s;
  });
  for (let d = 0; d < nd; d++) {
    if (!Number.isInteger(b[d]) || !Number.isInteger(shape[d]) || b[d] < 0 || shape[d] < 0 || b[d] + shape[d] > x.shape[d]) {
      throw new Error(`slice: begin [${begin}] size [${size ?? []}] out of range for [${x.shape}]`);
    }
  }
  const out = tape.output(shape);
  // Source offset of each output row (all axes but the last), row length = last axis.
  const rowLen = nd === 0 ? 1 : shape[nd - 1];
  const rowShape = shape.slice(0, -1);
  const inStrides = stridesOf(x.shape);
  const rows = permutedIndex(rowShape, inStrides.slice(0, -1));
  let start = 0;
  for (let d = 0; d < nd; d++) start += b[d] * inStrides[d];
  const A = x.data, O = out.data;
  for (let r = 0; r < rows.length; r++) O.set(A.subarray(start + rows[r], start + rows[r] + rowLen), r * rowLen);
  tape.record('slice', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let r = 0; r < rows.length; r++) {
      const s = start + rows[r], o = r * rowLen;
      for (let j = 0; j < rowLen; j++) GA[s + j] += G[o + j];
    }
  });
  return out;
}

/** Joins tensors along an axis; all other axes must match. */
export function concat(tape: Tape, xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new Error('concat: no tensors');
  const nd = xs[0].ndim;
  const ax = normAxis(axis, nd);
  for (const t of xs) {
    if (t.ndim !== nd || t.shape.some((n, d) => d !== ax && n !== xs[0].shape[d])) {
      throw new Error(`concat: shapes [${xs.map((t) => `[${t.shape}]`).join(', ')}] differ off axis ${axis}`);
    }
  }
  let outer = 1, inner = 1;
  for (let d = 0; d < ax; d++) outer *= xs[0].shape[d];
  for (let d = ax + 1; d < nd; d++) inner *= xs[0].shape[d];
  const shape = xs[0].shape.slice();
  shape[ax] = xs.reduce((s, t) => s + t.shape[ax], 0);
  const out = tape.output(shape);
  const rowOut = shape[ax] * inner; // values per outer index in the output
  const O = out.data;
  let col = 0; // where each input's block starts within an output row
  const starts: number[] = [];
  for (const t of xs) {
    starts.push(col);
    const block = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) O.set(t.data.subarray(o * block, (o + 1) * block), o * rowOut + col);
    col += block;
  }
  tape.record('concat', xs, out, () => {
    const G = out.grad!;
    xs.forEach((t, k) => {
      if (!t.requiresGrad) return;
      const GA = t.grad!, block = t.shape[ax] * inner;
      for (let o = 0; o < outer; o++) {
        const src = o * rowOut + starts[k], dst = o * block;
        for (let j = 0; j < block; j++) GA[dst + j] += G[src + j];
      }
    });
  });
  return out;
}

/**
 * Picks entries along an axis by integer index: out = x[..., indices, ...], with the indices'
 * shape (default 1-d) replacing that axis. With axis 0 on a [vocab, d] table this is an embedding
 * lookup: [batch, time] token ids → [batch, time, d]. Repeated indices sum their gradients.
 */
export function gather(
  tape: Tape, x: Tensor, indices: ArrayLike<number>, axis = 0, indexShape: Shape = [indices.length]
): Tensor {
  const ax = normAxis(axis, x.ndim);
  const count = indices.length;
  if (sizeOf(indexShape) !== count) throw new Error(`gather: index shape [${indexShape}] does not hold ${count} indices`);
  const n = x.shape[ax];
  const idx = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`gather: index ${i} out of range [0, ${n}) on axis ${axis}`);
    idx[k] = i;
  }
  let outer = 1, inner = 1;
  for (let d = 0; d < ax; d++) outer *= x.shape[d];
  for (let d = ax + 1; d < x.ndim; d++) inner *= x.shape[d];
  const shape = [...x.shape.slice(0, ax), ...indexShape, ...x.shape.slice(ax + 1)];
  const out = tape.output(shape);
  const A = x.data, O = out.data;
  for (let o = 0, dst = 0; o < outer; o++) {
    for (let k = 0; k < count; k++, dst += inner) {
      const src = (o * n + idx[k]) * inner;
      O.set(A.subarray(src, src + inner), dst);
    }
  }
  tape.record('gather', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let o = 0, g = 0; o < outer; o++) {
      for (let k = 0; k < count; k++) {
        const dst = (o * n + idx[k]) * inner;
        for (let j = 0; j < inner; j++, g++) GA[dst + j] += G[g];
      }
    }
  });
  return out;
}

/** Embedding lookup: rows of a [vocab, d] table for each token id. Same as gather on axis 0. */
export function embedding(tape: Tape, table: Tensor, ids: ArrayLike<number>, idShape: Shape = [ids.length]): Tensor {
  return gather(tape, table, ids, 0, idShape);
}

/**
 * For a shape walked in row-major order, the offset given by `strides` of each multi-index:
 * the source position of every output element of a permute or every output row of a slice.
 */
function permutedIndex(shape: readonly number[], strides: readonly number[]): Int32Array {
  const size = sizeOf(shape);
  const src = new Int32Array(size);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let i = 0; i < size; i++) {
    src[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      off += strides[d];
      if (idx[d] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return src;
}
