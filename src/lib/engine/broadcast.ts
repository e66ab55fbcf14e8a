/**
 * NumPy broadcasting for binary elementwise ops, compiled into a loop plan.
 *
 * Shapes are aligned at the right; a dimension of 1 stretches to match the other. Instead of
 * computing a multi-index per element, the plan walks the output in contiguous runs: within a run
 * each operand advances by a fixed step (1, or 0 when broadcast), and each run starts at a
 * precomputed offset in each operand. Adjacent dimensions that broadcast the same way are merged
 * first, so same-shape operands make one run of the whole tensor and a bias added to [N, D] makes
 * N runs of D. The same plan serves the backward sweep: accumulating `grad[offset] += …` with a
 * step of 0 sums the gradient over the broadcast dimensions.
 */
import type { Shape } from './tensor';

export interface BroadcastPlan {
  shape: number[];
  size: number;
  /** Length of each contiguous run of the output. */
  inner: number;
  /** Step of each operand within a run (0 where it is broadcast). */
  aStep: number;
  bStep: number;
  /** Number of runs (size / inner). */
  runs: number;
  /** Start offset of each run in each operand. */
  aOff: Int32Array;
  bOff: Int32Array;
}

/** The broadcast result shape of two shapes, or an error naming both. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const nd = Math.max(a.length, b.length);
  const out = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const da = i < nd - a.length ? 1 : a[i - (nd - a.length)];
    const db = i < nd - b.length ? 1 : b[i - (nd - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw new Error(`cannot broadcast shapes [${a}] and [${b}]`);
  }
  return out;
}

export function broadcastPlan(a: Shape, b: Shape): BroadcastPlan {
  const shape = broadcastShapes(a, b);
  const nd = shape.length;
  // Per output dimension: size and each operand's stride (0 when that operand is broadcast).
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  let accA = 1;
  let accB = 1;
  const rawA = new Array<number>(nd);
  const rawB = new Array<number>(nd);
  for (let i = nd - 1; i >= 0; i--) {
    const da = i < nd - a.length ? 1 : a[i - (nd - a.length)];
    const db = i < nd - b.length ? 1 : b[i - (nd - b.length)];
    rawA[i] = da === 1 ? 0 : accA;
    rawB[i] = db === 1 ? 0 : accB;
    accA *= da;
    accB *= db;
  }
  for (let i = 0; i < nd; i++) {
    const n = shape[i];
    if (n === 1) continue;
    const last = dims.length - 1;
    // Merge with the previous (outer) dimension when stepping through both is one longer run.
    if (last >= 0 && sa[last] === rawA[i] * n && sb[last] === rawB[i] * n) {
      dims[last] *= n;
      sa[last] = rawA[i];
      sb[last] = rawB[i];
    } else {
      dims.push(n);
      sa.push(rawA[i]);
      sb.push(rawB[i]);
    }
  }
  let size = 1;
  for (const d of shape) size *= d;
  if (dims.length === 0) {
    return { shape, size, inner: 1, aStep: 0, bStep: 0, runs: size, aOff: new Int32Array(size), bOff: new Int32Array(size) };
  }
  const k = dims.length - 1;
  const inner = dims[k];
  const runs = inner === 0 ? 0 : size / inner;
  const aOff = new Int32Array(runs);
  const bOff = new Int32Array(runs);
  // Odometer over the outer dimensions.
  const idx = new Array<number>(k).fill(0);
  let oa = 0;
  let ob = 0;
  for (let r = 0; r < runs; r++) {
    aOff[r] = oa;
    bOff[r] = ob;
    for (let d = k - 1; d >= 0; d--) {
      idx[d]++;
      oa += sa[d];
      ob += sb[d];
      if (idx[d] < dims[d]) break;
      oa -= sa[d] * dims[d];
      ob -= sb[d] * dims[d];
      idx[d] = 0;
    }
  }
  return { shape, size, inner, aStep: sa[k], bStep: sb[k], runs, aOff, bOff };
}
