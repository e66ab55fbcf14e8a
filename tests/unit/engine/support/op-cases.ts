/**
 * One table of op test cases, shared by the finite-difference test (against the float64
 * references in ref64.ts) and the TensorFlow.js oracle test. Each entry is a fast-check arbitrary
 * of concrete cases: random shapes (and axes, indices, k …) plus a seed from which the values are
 * drawn with the engine's Rng, in a range that suits the op (positive for log/sqrt, separated for
 * max/top-k/relu so no finite difference straddles a kink or a tie).
 */
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import * as E from '$lib/engine';
import * as ref from './ref64';

export type Kind = 'any' | 'pos' | 'away' | 'distinct' | 'unit';

export interface Input {
  shape: number[];
  data: Float32Array;
  /** Whether the checks differentiate with respect to this input (default true). */
  grad: boolean;
}

export interface OpCase {
  inputs: Input[];
  engine: (tape: E.Tape, xs: E.Tensor[]) => E.Tensor;
  ref: (xs: ref.R[]) => ref.R;
  tf: (xs: tf.Tensor[]) => tf.Tensor;
  /** Shown when a check fails. */
  note: string;
  /** Why the TensorFlow.js comparison does not apply to this case, if it doesn't. */
  tfSkip?: string;
}

export interface Tol {
  rtol: number;
  atol: number;
}

export interface OpSpec {
  name: string;
  cases: fc.Arbitrary<OpCase>;
  /** Overrides of the default tolerances, with the reason in a comment at the entry. */
  tolTf?: Partial<{ forward: Tol; grad: Tol }>;
  tolFd?: Partial<{ forward: Tol; grad: Tol }>;
  /** Skip the TensorFlow.js comparison of gradients (stated at the entry). */
  tfNoGrad?: boolean;
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** n float32 values from a seed, shaped by kind. */
export function values(seed: number, n: number, kind: Kind = 'any'): Float32Array {
  const rng = new E.Rng(seed);
  const out = new Float32Array(n);
  if (kind === 'distinct') {
    // A shuffled ladder with jitter: any two values differ by at least 0.2.
    const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) out[i] = (perm[i] - n / 2) * 0.3 + rng.uniform(0, 0.1);
    return out;
  }
  for (let i = 0; i < n; i++) {
    if (kind === 'any') out[i] = rng.uniform(-2, 2);
    else if (kind === 'pos') out[i] = rng.uniform(0.3, 3);
    else if (kind === 'unit') out[i] = rng.uniform(0, 1);
    else out[i] = (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(0.2, 2); // away from 0
  }
  return out;
}

export const input = (shape: number[], seed: number, kind: Kind = 'any', grad = true): Input => ({
  shape,
  data: values(seed, size(shape), kind),
  grad
});

const seedArb = fc.integer({ min: 0, max: 0x7fffffff });
const dimArb = (max = 4) => fc.integer({ min: 1, max });
const shapeArb = (minRank: number, maxRank: number, maxDim = 4) =>
  fc.array(dimArb(maxDim), { minLength: minRank, maxLength: maxRank });

/**
 * Two shapes that broadcast: both derived from one full shape by keeping a suffix of it and
 * squashing some of the kept axes to 1 — so either side (or both) may be broadcast.
 */
const broadcastPairArb = fc
  .record({
    shape: shapeArb(0, 4, 4),
    keepA: fc.nat(),
    keepB: fc.nat(),
    onesA: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    onesB: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })
  })
  .map(({ shape, keepA, keepB, onesA, onesB }) => {
    const derive = (keep: number, ones: boolean[]) => {
      const k = keep % (shape.length + 1);
      const off = shape.length - k;
      return shape.slice(off).map((d, i) => (ones[off + i] ? 1 : d));
    };
    // Keep one side whole often, the common case (tensor + bias, tensor * scalar).
    return [derive(keepA % 3 === 0 ? shape.length : keepA, onesA.map((o) => o && keepA % 2 === 0)), derive(keepB, onesB)];
  });

function binarySpec(
  name: string,
  engine: (tape: E.Tape, a: E.Tensor, b: E.Tensor) => E.Tensor,
  f64: (a: number, b: number) => number,
  tfOp: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  kindA: Kind,
  kindB: Kind
): fc.Arbitrary<OpCase> {
  return fc.record({ shapes: broadcastPairArb, seed: seedArb }).map(({ shapes: [sa, sb], seed }) => ({
    inputs: [input(sa, seed, kindA), input(sb, seed + 1, kindB)],
    engine: (t, [a, b]) => engine(t, a, b),
    ref: ([a, b]) => ref.binary(a, b, f64),
    tf: ([a, b]) => tfOp(a, b),
    note: `[${sa}] ${name} [${sb}]`
  }));
}

function unarySpec(
  name: string,
  engine: (tape: E.Tape, x: E.Tensor) => E.Tensor,
  f64: (v: number) => number,
  tfOp: (x: tf.Tensor) => tf.Tensor,
  kind: Kind
): fc.Arbitrary<OpCase> {
  return fc.record({ shape: shapeArb(0, 4, 5), seed: seedArb }).map(({ shape, seed }) => ({
    inputs: [input(shape, seed, kind)],
    engine: (t, [x]) => engine(t, x),
    ref: ([x]) => ref.map(x, f64),
    tf: ([x]) => tfOp(x),
    note: `${name} [${shape}]`
  }));
}

/** A last-axis op on a tensor of rank 1–3. */
function rowSpec(
  name: string,
  engine: (tape: E.Tape, x: E.Tensor) => E.Tensor,
  f64: (x: ref.R) => ref.R,
  tfOp: (x: tf.Tensor) => tf.Tensor,
  kind: Kind = 'any'
): fc.Arbitrary<OpCase> {
  return fc.record({ shape: shapeArb(1, 3, 6), seed: seedArb }).map(({ shape, seed }) => ({
    inputs: [input(shape, seed, kind)],
    engine: (t, [x]) => engine(t, x),
    ref: ([x]) => f64(x),
    tf: ([x]) => tfOp(x),
    note: `${name} [${shape}]`
  }));
}

const sigmoid64 = (v: number) => 1 / (1 + Math.exp(-v));

/** Matmul shapes: plain, same batch, a batch against one matrix (either side), broadcast batches. */
const matmulArb = fc
  .record({
    M: dimArb(5), K: dimArb(5), N: dimArb(5),
    batch: shapeArb(0, 2, 3),
    mode: fc.constantFrom('2d', 'same', 'aOnly', 'bOnly', 'broadcast'),
    squash: fc.boolean(),
    seed: seedArb
  })
  .map(({ M, K, N, batch, mode, squash, seed }) => {
    let ba: number[] = [], bb: number[] = [];
    if (mode === 'same') [ba, bb] = [batch, batch];
    else if (mode === 'aOnly') ba = batch;
    else if (mode === 'bOnly') bb = batch;
    else if (mode === 'broadcast') {
      ba = batch.map((d, i) => (i % 2 === (squash ? 0 : 1) ? 1 : d));
      bb = batch.map((d, i) => (i % 2 === (squash ? 1 : 0) ? 1 : d)).slice(squash ? 0 : 1);
    }
    const sa = [...ba, M, K], sb = [...bb, K, N];
    return {
      inputs: [input(sa, seed), input(sb, seed + 1)],
      engine: (t: E.Tape, [a, b]: E.Tensor[]) => E.matmul(t, a, b),
      ref: ([a, b]: ref.R[]) => ref.matmul(a, b),
      // TF.js's BatchMatMul gradient rejects broadcast batches (it returns the unreduced shape),
      // so the oracle broadcasts both operands explicitly first; broadcastTo's gradient sums.
      tf: ([a, b]: tf.Tensor[]) => {
        const batch = batchOf(sa, sb);
        const full = (x: tf.Tensor) =>
          x.shape.length - 2 === batch.length && x.shape.slice(0, -2).every((d, i) => d === batch[i])
            ? x
            : tf.broadcastTo(x, [...batch, ...x.shape.slice(-2)]);
        return tf.matMul(full(a), full(b));
      },
      note: `matmul [${sa}] @ [${sb}]`
    } satisfies OpCase;
  });

/** The broadcast batch shape of two matmul operand shapes. */
function batchOf(sa: number[], sb: number[]): number[] {
  const ba = sa.slice(0, -2), bb = sb.slice(0, -2);
  const nd = Math.max(ba.length, bb.length);
  const pa = [...new Array<number>(nd - ba.length).fill(1), ...ba];
  const pb = [...new Array<number>(nd - bb.length).fill(1), ...bb];
  return pa.map((d, i) => (d === 1 ? pb[i] : d));
}

/** The fused dense op: x [..., in] · W [in, out] + b [out], with and without the bias. */
const linearArb = fc
  .record({ lead: shapeArb(0, 2, 4), K: dimArb(5), N: dimArb(5), withBias: fc.boolean(), seed: seedArb })
  .map(({ lead, K, N, withBias, seed }) => {
    const sx = [...lead, K];
    const rows = size(lead);
    const inputs = [input(sx, seed), input([K, N], seed + 1), ...(withBias ? [input([N], seed + 2)] : [])];
    return {
      inputs,
      engine: (t: E.Tape, [x, W, b]: E.Tensor[]) => E.linear(t, x, W, b ?? null),
      ref: ([x, W, b]: ref.R[]) => {
        const y = ref.matmul({ shape: [rows, K], data: x.data }, W);
        const z = b ? ref.binary(y, b, (u, v) => u + v) : y;
        return { shape: [...lead, N], data: z.data };
      },
      tf: ([x, W, b]: tf.Tensor[]) => {
        const y = tf.reshape(tf.matMul(tf.reshape(x, [rows, K]), W), [...lead, N]);
        return b ? tf.add(y, b) : y;
      },
      note: `linear [${sx}] · [${K},${N}]${withBias ? ' + bias' : ''}`
    } satisfies OpCase;
  });

const reduceArb = (
  name: 'sum' | 'mean' | 'max',
  kind: Kind
): fc.Arbitrary<OpCase> =>
  fc.record({ shape: shapeArb(1, 4, 4), axis: fc.option(fc.integer({ min: -4, max: 3 }), { nil: undefined }), keep: fc.boolean(), seed: seedArb })
    .map(({ shape, axis, keep, seed }) => {
      // Any axis of the shape, in the negative form when the drawn one was negative.
      const n = shape.length;
      const ax = axis === undefined ? undefined : axis < 0 ? (((axis % n) + n) % n) - n : axis % n;
      const eng = { sum: E.sum, mean: E.mean, max: E.max }[name];
      const r64 = { sum: ref.sum, mean: ref.mean, max: ref.max }[name];
      const tfOp = { sum: tf.sum, mean: tf.mean, max: tf.max }[name];
      return {
        inputs: [input(shape, seed, kind)],
        engine: (t: E.Tape, [x]: E.Tensor[]) => eng(t, x, ax, keep),
        ref: ([x]: ref.R[]) => r64(x, ax, keep),
        tf: ([x]: tf.Tensor[]) => tfOp(x, ax, keep),
        note: `${name} [${shape}] axis ${ax} keepdims ${keep}`
      } satisfies OpCase;
    });

const permArb = fc.record({ shape: shapeArb(1, 4, 4), keys: fc.array(fc.double({ noNaN: true }), { minLength: 4, maxLength: 4 }), seed: seedArb });

const sliceArb = fc
  .record({ shape: shapeArb(1, 4, 5), cuts: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 4, maxLength: 4 }), seed: seedArb })
  .map(({ shape, cuts, seed }) => {
    const begin = shape.map((d, i) => cuts[i][0] % d);
    const sz = shape.map((d, i) => 1 + (cuts[i][1] % (d - begin[i])));
    return {
      inputs: [input(shape, seed)],
      engine: (t: E.Tape, [x]: E.Tensor[]) => E.slice(t, x, begin, sz),
      ref: ([x]: ref.R[]) => ref.slice(x, begin, sz),
      tf: ([x]: tf.Tensor[]) => tf.slice(x, begin, sz),
      note: `slice [${shape}] begin [${begin}] size [${sz}]`
    } satisfies OpCase;
  });

const concatArb = fc
  .record({ shape: shapeArb(1, 3, 4), axis: fc.nat(), sizes: fc.array(dimArb(3), { minLength: 1, maxLength: 3 }), seed: seedArb })
  .map(({ shape, axis, sizes, seed }) => {
    const ax = axis % shape.length;
    const shapes = sizes.map((s) => shape.map((d, i) => (i === ax ? s : d)));
    return {
      inputs: shapes.map((s, i) => input(s, seed + i)),
      engine: (t: E.Tape, xs: E.Tensor[]) => E.concat(t, xs, ax),
      ref: (xs: ref.R[]) => ref.concat(xs, ax),
      tf: (xs: tf.Tensor[]) => tf.concat(xs, ax),
      note: `concat ${shapes.map((s) => `[${s}]`).join(' ')} axis ${ax}`
    } satisfies OpCase;
  });

const gatherArb = fc
  .record({ shape: shapeArb(1, 3, 4), axis: fc.nat(), indexShape: shapeArb(1, 2, 3), picks: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), seed: seedArb })
  .map(({ shape, axis, indexShape, picks, seed }) => {
    const ax = axis % shape.length;
    const idx = Array.from({ length: size(indexShape) }, (_, i) => picks[i] % shape[ax]);
    return {
      inputs: [input(shape, seed)],
      engine: (t: E.Tape, [x]: E.Tensor[]) => E.gather(t, x, idx, ax, indexShape),
      ref: ([x]: ref.R[]) => ref.gather(x, idx, ax, indexShape),
      tf: ([x]: tf.Tensor[]) => tf.gather(x, tf.tensor(idx, indexShape, 'int32'), ax),
      note: `gather [${shape}] axis ${ax} indices [${idx}] shape [${indexShape}]`
    } satisfies OpCase;
  });

const crossEntropyArb = fc
  .record({ rows: shapeArb(1, 2, 5), C: fc.integer({ min: 2, max: 6 }), picks: fc.array(fc.nat(), { minLength: 25, maxLength: 25 }), seed: seedArb })
  .map(({ rows, C, picks, seed }) => {
    const shape = [...rows, C];
    const labels = Array.from({ length: size(rows) }, (_, i) => picks[i] % C);
    return {
      inputs: [input(shape, seed)],
      engine: (t: E.Tape, [x]: E.Tensor[]) => E.crossEntropy(t, x, labels),
      ref: ([x]: ref.R[]) => ref.crossEntropy(x, labels),
      tf: ([x]: tf.Tensor[]) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor(labels, rows, 'int32'), C), x),
      note: `crossEntropy [${shape}] labels [${labels}]`
    } satisfies OpCase;
  });

const layerNormArb = fc.record({ rows: shapeArb(1, 2, 4), D: fc.integer({ min: 2, max: 8 }), seed: seedArb }).map(({ rows, D, seed }) => {
  const shape = [...rows, D];
  const eps = 1e-5;
  return {
    inputs: [input(shape, seed), input([D], seed + 1, 'pos'), input([D], seed + 2)],
    engine: (t: E.Tape, [x, g, b]: E.Tensor[]) => E.layerNorm(t, x, g, b, eps),
    ref: ([x, g, b]: ref.R[]) => ref.layerNorm(x, g, b, eps),
    tf: ([x, g, b]: tf.Tensor[]) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), g), b);
    },
    note: `layerNorm [${shape}]`
  } satisfies OpCase;
});

const dropoutArb = fc.record({ shape: shapeArb(1, 3, 5), p: fc.constantFrom(0.1, 0.3, 0.5, 0.8), seed: seedArb }).map(({ shape, p, seed }) => {
  // The mask the engine will draw: same Rng, same order (one uniform per element).
  const rng = new E.Rng(seed + 7);
  const mask = Array.from({ length: size(shape) }, () => (rng.uniform() < p ? 0 : 1 / (1 - p)));
  return {
    inputs: [input(shape, seed)],
    engine: (t: E.Tape, [x]: E.Tensor[]) => E.dropout(t, x, p, new E.Rng(seed + 7), true),
    ref: ([x]: ref.R[]) => ({ shape: x.shape, data: x.data.map((v, i) => v * mask[i]) }),
    // TF.js draws its own random mask, so the oracle applies the engine's mask: this checks the
    // scaling and the gradient routing, not the random stream.
    tf: ([x]: tf.Tensor[]) => tf.mul(x, tf.tensor(mask, shape)),
    note: `dropout p=${p} [${shape}]`
  } satisfies OpCase;
});

const topkArb = fc.record({ shape: shapeArb(1, 3, 6), kpick: fc.nat(), seed: seedArb }).map(({ shape, kpick, seed }) => {
  const n = shape[shape.length - 1];
  const k = 1 + (kpick % n);
  return {
    inputs: [input(shape, seed, 'distinct')],
    engine: (t: E.Tape, [x]: E.Tensor[]) => E.topk(t, x, k).values,
    ref: ([x]: ref.R[]) => ref.topkValues(x, k),
    // tf.topk has no gradient in TF.js; the oracle re-expresses the kept values as
    // Σ_j x_j · onehot(index)_j, which is differentiable and equals them exactly.
    tf: ([x]: tf.Tensor[]) => {
      if (n === 1) return tf.mul(x, 1); // k = n = 1; tf.oneHot needs a depth of at least 2
      const { indices } = tf.topk(tf.tensor(x.dataSync(), x.shape), k); // a copy: TopK stays off the gradient path
      const pick = tf.oneHot(indices, n); // [..., k, n]
      return tf.sum(tf.mul(tf.expandDims(x, -2), pick), -1);
    },
    note: `topk k=${k} [${shape}]`
  } satisfies OpCase;
});

const causalArb = (thenSoftmax: boolean) =>
  fc.record({ batch: shapeArb(0, 2, 3), Tq: dimArb(5), Tk: dimArb(5), off: fc.integer({ min: -2, max: 2 }), seed: seedArb })
    .map(({ batch, Tq, Tk, off, seed }) => {
      // Offsets around the default Tk − Tq. Negative offsets leave some rows fully masked; the
      // oracle cannot match the engine there (TF.js softmax gives NaN), so those cases of
      // mask-then-softmax only run in the finite-difference check.
      const offset = Tk - Tq + off;
      const shape = [...batch, Tq, Tk];
      const keep = (i: number, j: number) => j <= i + offset;
      const maskFlat = Array.from({ length: size(shape) }, (_, f) => keep(Math.floor(f / Tk) % Tq, f % Tk));
      return {
        inputs: [input(shape, seed)],
        engine: (t: E.Tape, [x]: E.Tensor[]) => {
          const m = E.causalMask(t, x, { offset });
          return thenSoftmax ? E.softmax(t, m) : m;
        },
        ref: ([x]: ref.R[]) => {
          const m = ref.causalMask(x, offset, -Infinity);
          return thenSoftmax ? ref.softmax(m) : m;
        },
        tf: ([x]: tf.Tensor[]) => {
          const m = tf.where(tf.tensor(maskFlat, shape, 'bool'), x, tf.fill(shape, -Infinity));
          return thenSoftmax ? tf.softmax(m) : m;
        },
        note: `causalMask${thenSoftmax ? '+softmax' : ''} [${shape}] offset ${offset}`,
        tfSkip: thenSoftmax && offset < 0 ? 'a fully masked row: TF.js softmax gives NaN, the engine zeros' : undefined
      } satisfies OpCase;
    });

export const OP_SPECS: OpSpec[] = [
  { name: 'add', cases: binarySpec('+', E.add, (a, b) => a + b, tf.add, 'any', 'any') },
  { name: 'sub', cases: binarySpec('-', E.sub, (a, b) => a - b, tf.sub, 'any', 'any') },
  { name: 'mul', cases: binarySpec('*', E.mul, (a, b) => a * b, tf.mul, 'any', 'any') },
  { name: 'div', cases: binarySpec('/', E.div, (a, b) => a / b, tf.div, 'any', 'away') },
  { name: 'pow', cases: binarySpec('**', E.pow, (a, b) => a ** b, tf.pow, 'pos', 'any') },
  {
    name: 'mul by a number',
    cases: fc.record({ shape: shapeArb(0, 3, 4), c: fc.double({ min: -3, max: 3, noNaN: true }), seed: seedArb }).map(({ shape, c, seed }) => {
      const k = Math.fround(c);
      return {
        inputs: [input(shape, seed)],
        engine: (t: E.Tape, [x]: E.Tensor[]) => E.mul(t, k, x),
        ref: ([x]: ref.R[]) => ref.map(x, (v) => k * v),
        tf: ([x]: tf.Tensor[]) => tf.mul(tf.scalar(k), x),
        note: `${k} * [${shape}]`
      } satisfies OpCase;
    })
  },
  { name: 'neg', cases: unarySpec('neg', E.neg, (v) => -v, tf.neg, 'any') },
  { name: 'exp', cases: unarySpec('exp', E.exp, Math.exp, tf.exp, 'any') },
  { name: 'log', cases: unarySpec('log', E.log, Math.log, tf.log, 'pos') },
  { name: 'sqrt', cases: unarySpec('sqrt', E.sqrt, Math.sqrt, tf.sqrt, 'pos') },
  { name: 'tanh', cases: unarySpec('tanh', E.tanh, Math.tanh, tf.tanh, 'any') },
  { name: 'sigmoid', cases: unarySpec('sigmoid', E.sigmoid, sigmoid64, tf.sigmoid, 'any') },
  { name: 'relu', cases: unarySpec('relu', E.relu, (v) => Math.max(v, 0), tf.relu, 'away') },
  { name: 'softmax', cases: rowSpec('softmax', E.softmax, ref.softmax, (x) => tf.softmax(x)) },
  { name: 'logSoftmax', cases: rowSpec('logSoftmax', E.logSoftmax, ref.logSoftmax, (x) => tf.logSoftmax(x)) },
  { name: 'matmul', cases: matmulArb },
  { name: 'linear', cases: linearArb },
  {
    name: 'transpose',
    cases: fc.record({ shape: shapeArb(2, 4, 4), seed: seedArb }).map(({ shape, seed }) => ({
      inputs: [input(shape, seed)],
      engine: (t: E.Tape, [x]: E.Tensor[]) => E.transpose(t, x),
      ref: ([x]: ref.R[]) => ref.transpose(x),
      tf: ([x]: tf.Tensor[]) => {
        const perm = shape.map((_, i) => i);
        [perm[shape.length - 2], perm[shape.length - 1]] = [perm[shape.length - 1], perm[shape.length - 2]];
        return tf.transpose(x, perm);
      },
      note: `transpose [${shape}]`
    }))
  },
  {
    name: 'permute',
    cases: permArb.map(({ shape, keys, seed }) => {
      const perm = shape.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
      return {
        inputs: [input(shape, seed)],
        engine: (t: E.Tape, [x]: E.Tensor[]) => E.permute(t, x, perm),
        ref: ([x]: ref.R[]) => ref.permute(x, perm),
        tf: ([x]: tf.Tensor[]) => tf.transpose(x, perm),
        note: `permute [${shape}] by [${perm}]`
      } satisfies OpCase;
    })
  },
  {
    name: 'reshape',
    cases: fc.record({ shape: shapeArb(1, 4, 4), seed: seedArb }).map(({ shape, seed }) => {
      // Flip the shape and let -1 infer the first axis: exercises inference and a real re-layout
      // of the axes (the data order is unchanged, as reshape promises).
      const target = shape.slice().reverse();
      target[0] = -1;
      const resolved = shape.slice().reverse();
      return {
        inputs: [input(shape, seed)],
        engine: (t: E.Tape, [x]: E.Tensor[]) => E.reshape(t, x, target),
        ref: ([x]: ref.R[]) => ({ shape: resolved, data: x.data.slice() }),
        tf: ([x]: tf.Tensor[]) => tf.reshape(x, target),
        note: `reshape [${shape}] to [${target}]`
      } satisfies OpCase;
    })
  },
  { name: 'slice', cases: sliceArb },
  { name: 'concat', cases: concatArb },
  { name: 'gather', cases: gatherArb },
  { name: 'sum', cases: reduceArb('sum', 'any') },
  { name: 'mean', cases: reduceArb('mean', 'any') },
  { name: 'max', cases: reduceArb('max', 'distinct') },
  { name: 'crossEntropy', cases: crossEntropyArb },
  {
    name: 'bceWithLogits',
    cases: fc.record({ shape: shapeArb(1, 3, 4), seed: seedArb }).map(({ shape, seed }) => ({
      inputs: [input(shape, seed, 'any'), input(shape, seed + 1, 'unit', false)],
      engine: (t: E.Tape, [z, y]: E.Tensor[]) => E.bceWithLogits(t, z, y),
      ref: ([z, y]: ref.R[]) => ref.bce(z, y),
      tf: ([z, y]: tf.Tensor[]) => tf.losses.sigmoidCrossEntropy(y, z),
      note: `bceWithLogits [${shape}]`
    }))
  },
  {
    name: 'mse',
    cases: fc.record({ shape: shapeArb(1, 3, 5), seed: seedArb }).map(({ shape, seed }) => ({
      inputs: [input(shape, seed), input(shape, seed + 1)],
      engine: (t: E.Tape, [a, b]: E.Tensor[]) => E.mse(t, a, b),
      ref: ([a, b]: ref.R[]) => ref.mse(a, b),
      tf: ([a, b]: tf.Tensor[]) => tf.losses.meanSquaredError(b, a),
      note: `mse [${shape}]`
    }))
  },
  { name: 'layerNorm', cases: layerNormArb },
  { name: 'dropout', cases: dropoutArb },
  { name: 'topk', cases: topkArb },
  { name: 'causalMask', cases: causalArb(false) },
  { name: 'causalMask then softmax', cases: causalArb(true) }
];
