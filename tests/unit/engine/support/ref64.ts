/**
 * Float64 reference implementations of the engine's ops, written independently and as plainly as
 * possible (multi-index loops, no fused tricks). The finite-difference checks differentiate these,
 * so the numeric gradients carry float64 rounding only.
 */

export interface R {
  shape: number[];
  data: Float64Array;
}

export const r = (data: ArrayLike<number>, shape: number[]): R => ({ shape: shape.slice(), data: Float64Array.from(data) });

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

/** Calls f with every multi-index of shape, in row-major order. */
function eachIndex(shape: number[], f: (idx: number[], flat: number) => void): void {
  const n = size(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < n; flat++) {
    f(idx, flat);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

function flatAt(shape: number[], idx: number[]): number {
  const s = strides(shape);
  let off = 0;
  for (let d = 0; d < shape.length; d++) off += idx[d] * s[d];
  return off;
}

export function map(x: R, f: (v: number) => number): R {
  return { shape: x.shape.slice(), data: x.data.map(f) };
}

/** NumPy broadcasting by explicit index arithmetic. */
export function binary(a: R, b: R, f: (x: number, y: number) => number): R {
  const nd = Math.max(a.shape.length, b.shape.length);
  const pa = [...new Array(nd - a.shape.length).fill(1), ...a.shape];
  const pb = [...new Array(nd - b.shape.length).fill(1), ...b.shape];
  const shape = pa.map((d, i) => {
    if (d !== pb[i] && d !== 1 && pb[i] !== 1) throw new Error('ref: not broadcastable');
    return d === 1 ? pb[i] : d;
  });
  const out = new Float64Array(size(shape));
  eachIndex(shape, (idx, flat) => {
    const ia = idx.map((v, d) => (pa[d] === 1 ? 0 : v));
    const ib = idx.map((v, d) => (pb[d] === 1 ? 0 : v));
    out[flat] = f(a.data[flatAt(pa, ia)], b.data[flatAt(pb, ib)]);
  });
  return { shape, data: out };
}

export function matmul(a: R, b: R): R {
  const M = a.shape.at(-2)!, K = a.shape.at(-1)!, N = b.shape.at(-1)!;
  const ba = a.shape.slice(0, -2), bb = b.shape.slice(0, -2);
  const nd = Math.max(ba.length, bb.length);
  const pa = [...new Array(nd - ba.length).fill(1), ...ba];
  const pb = [...new Array(nd - bb.length).fill(1), ...bb];
  const batch = pa.map((d, i) => (d === 1 ? pb[i] : d));
  const out = new Float64Array(size(batch) * M * N);
  eachIndex(batch, (idx, flat) => {
    const oa = flatAt(pa, idx.map((v, d) => (pa[d] === 1 ? 0 : v))) * M * K;
    const ob = flatAt(pb, idx.map((v, d) => (pb[d] === 1 ? 0 : v))) * K * N;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[oa + i * K + k] * b.data[ob + k * N + j];
        out[flat * M * N + i * N + j] = s;
      }
    }
  });
  return { shape: [...batch, M, N], data: out };
}

export function permute(x: R, perm: number[]): R {
  const shape = perm.map((p) => x.shape[p]);
  const out = new Float64Array(x.data.length);
  eachIndex(shape, (idx, flat) => {
    const src = new Array<number>(x.shape.length);
    perm.forEach((p, d) => (src[p] = idx[d]));
    out[flat] = x.data[flatAt(x.shape, src)];
  });
  return { shape, data: out };
}

export function transpose(x: R): R {
  const n = x.shape.length;
  const perm = x.shape.map((_, i) => i);
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return permute(x, perm);
}

export function slice(x: R, begin: number[], sz: number[]): R {
  const out = new Float64Array(size(sz));
  eachIndex(sz, (idx, flat) => {
    out[flat] = x.data[flatAt(x.shape, idx.map((v, d) => v + begin[d]))];
  });
  return { shape: sz.slice(), data: out };
}

export function concat(xs: R[], axis: number): R {
  const shape = xs[0].shape.slice();
  shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
  const out = new Float64Array(size(shape));
  eachIndex(shape, (idx, flat) => {
    let i = idx[axis];
    let t = 0;
    while (i >= xs[t].shape[axis]) i -= xs[t++].shape[axis];
    const src = idx.slice();
    src[axis] = i;
    out[flat] = xs[t].data[flatAt(xs[t].shape, src)];
  });
  return { shape, data: out };
}

export function gather(x: R, indices: number[], axis: number, indexShape: number[]): R {
  const shape = [...x.shape.slice(0, axis), ...indexShape, ...x.shape.slice(axis + 1)];
  const out = new Float64Array(size(shape));
  const ni = indexShape.length;
  eachIndex(shape, (idx, flat) => {
    const k = flatAt(indexShape, idx.slice(axis, axis + ni));
    const src = [...idx.slice(0, axis), indices[k], ...idx.slice(axis + ni)];
    out[flat] = x.data[flatAt(x.shape, src)];
  });
  return { shape, data: out };
}

/** Reduction along one axis (or all, axis undefined) with a fold over the values. */
export function reduce(x: R, axis: number | undefined, keepdims: boolean, f: (vals: number[]) => number): R {
  if (axis === undefined) {
    return { shape: keepdims ? x.shape.map(() => 1) : [], data: Float64Array.of(f(Array.from(x.data))) };
  }
  const ax = axis < 0 ? axis + x.shape.length : axis;
  const kept = x.shape.map((d, i) => (i === ax ? 1 : d));
  const out = new Float64Array(size(kept));
  eachIndex(kept, (idx, flat) => {
    const vals: number[] = [];
    for (let j = 0; j < x.shape[ax]; j++) {
      const src = idx.slice();
      src[ax] = j;
      vals.push(x.data[flatAt(x.shape, src)]);
    }
    out[flat] = f(vals);
  });
  const shape = keepdims ? kept : x.shape.filter((_, i) => i !== ax);
  return { shape, data: out };
}

export const sum = (x: R, axis?: number, keepdims = false): R => reduce(x, axis, keepdims, (v) => v.reduce((a, b) => a + b, 0));
export const mean = (x: R, axis?: number, keepdims = false): R =>
  reduce(x, axis, keepdims, (v) => v.reduce((a, b) => a + b, 0) / v.length);
export const max = (x: R, axis?: number, keepdims = false): R => reduce(x, axis, keepdims, (v) => Math.max(...v));

/** Applies f to each row of the last axis. */
export function rows(x: R, f: (row: number[]) => number[]): R {
  const n = x.shape.at(-1)!;
  const out = new Float64Array(x.data.length);
  for (let base = 0; base < x.data.length; base += n) out.set(f(Array.from(x.data.subarray(base, base + n))), base);
  return { shape: x.shape.slice(), data: out };
}

/** A row whose entries are all −∞ (fully masked) gives zeros, the engine's documented choice. */
export const softmax = (x: R): R =>
  rows(x, (row) => {
    const m = Math.max(...row);
    if (m === -Infinity) return row.map(() => 0);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });

export const logSoftmax = (x: R): R =>
  rows(x, (row) => {
    const s = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
    return row.map((v) => v - s);
  });

export function crossEntropy(logits: R, labels: number[]): R {
  const ls = logSoftmax(logits);
  const C = logits.shape.at(-1)!;
  let t = 0;
  labels.forEach((l, i) => (t -= ls.data[i * C + l]));
  return { shape: [], data: Float64Array.of(t / labels.length) };
}

export function bce(z: R, y: R): R {
  let t = 0;
  z.data.forEach((v, i) => {
    const p = 1 / (1 + Math.exp(-v));
    t -= y.data[i] * Math.log(p) + (1 - y.data[i]) * Math.log(1 - p);
  });
  return { shape: [], data: Float64Array.of(t / z.data.length) };
}

export function mse(a: R, b: R): R {
  let t = 0;
  a.data.forEach((v, i) => (t += (v - b.data[i]) ** 2));
  return { shape: [], data: Float64Array.of(t / a.data.length) };
}

export function layerNorm(x: R, gain: R, bias: R, eps: number): R {
  return rows(x, (row) => {
    const m = row.reduce((a, b) => a + b, 0) / row.length;
    const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / row.length;
    return row.map((val, j) => ((val - m) / Math.sqrt(v + eps)) * gain.data[j] + bias.data[j]);
  });
}

/** Top-k values of each row, largest first (the values are distinct in the tests). */
export function topkValues(x: R, k: number): R {
  const n = x.shape.at(-1)!;
  const rowsCount = x.data.length / n;
  const out = new Float64Array(rowsCount * k);
  for (let i = 0; i < rowsCount; i++) {
    const row = Array.from(x.data.subarray(i * n, (i + 1) * n)).sort((a, b) => b - a);
    out.set(row.slice(0, k), i * k);
  }
  return { shape: [...x.shape.slice(0, -1), k], data: out };
}

export function causalMask(x: R, offset: number, fill: number): R {
  const out = Float64Array.from(x.data);
  eachIndex(x.shape, (idx, flat) => {
    const i = idx[idx.length - 2], j = idx[idx.length - 1];
    if (j > i + offset) out[flat] = fill;
  });
  return { shape: x.shape.slice(), data: out };
}
