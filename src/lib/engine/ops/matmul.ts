/**
 * Matrix product over the last two axes, with NumPy-style broadcasting of the leading (batch)
 * axes: [..., M, K] @ [..., K, N] → [..., M, N]. All the arithmetic goes through `gemm`.
 *
 *   forward   C  = A · B
 *   backward  ∂A += ∂C · Bᵀ     ∂B += Aᵀ · ∂C
 *
 * When B has no batch axes (a weight matrix shared by every row, the common case in dense layers
 * and attention projections) the batch of A is folded into its rows, so the whole op is one gemm.
 */
import { broadcastShapes } from '../broadcast';
import { addColumnSums, gemm } from '../kernels/gemm';
import type { Tape } from '../tape';
import { Tensor, sizeOf, stridesOf } from '../tensor';

export function matmul(tape: Tape, a: Tensor, b: Tensor): Tensor {
  if (a.ndim < 2 || b.ndim < 2) {
    throw new Error(`matmul: operands must have at least 2 axes, got [${a.shape}] and [${b.shape}]`);
  }
  const M = a.shape[a.ndim - 2], K = a.shape[a.ndim - 1];
  const K2 = b.shape[b.ndim - 2], N = b.shape[b.ndim - 1];
  if (K !== K2) throw new Error(`matmul: inner sizes differ, [${a.shape}] @ [${b.shape}]`);
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB);
  const out = tape.output([...batch, M, N]);
  const A = a.data, B = b.data, C = out.data;

  if (batchB.length === 0 || sizeOf(batchB) === 1) {
    // B is one matrix: A's batch folds into rows.
    const rows = sizeOf(batchA) * M;
    gemm(A, 0, B, 0, C, 0, rows, N, K);
    tape.record('matmul', [a, b], out, () => {
      const G = out.grad!;
      if (a.requiresGrad) gemm(G, 0, B, 0, a.grad!, 0, rows, K, N, false, true, true);
      if (b.requiresGrad) gemm(A, 0, G, 0, b.grad!, 0, K, N, rows, true, false, true);
    });
    return out;
  }

  // General case: one gemm per output batch element, operands located by broadcast strides.
  const nb = sizeOf(batch);
  const offA = batchOffsets(batchA, batch, M * K);
  const offB = batchOffsets(batchB, batch, K * N);
  for (let i = 0; i < nb; i++) gemm(A, offA[i], B, offB[i], C, i * M * N, M, N, K);
  tape.record('matmul', [a, b], out, () => {
    const G = out.grad!;
    for (let i = 0; i < nb; i++) {
      // Accumulating sums the gradient over batch elements that share a broadcast operand.
      if (a.requiresGrad) gemm(G, i * M * N, B, offB[i], a.grad!, offA[i], M, K, N, false, true, true);
      if (b.requiresGrad) gemm(A, offA[i], G, i * M * N, b.grad!, offB[i], K, N, M, true, false, true);
    }
  });
  return out;
}

/** For each index of the broadcast batch shape, the offset of the operand's matrix (size `block`). */
function batchOffsets(own: readonly number[], batch: readonly number[], block: number): Int32Array {
  const nb = sizeOf(batch);
  const offs = new Int32Array(nb);
  const pad = batch.length - own.length;
  const ownStrides = stridesOf(own);
  const outStrides = stridesOf(batch);
  for (let i = 0; i < nb; i++) {
    let off = 0;
    for (let d = pad; d < batch.length; d++) {
      const od = own[d - pad];
      if (od === 1) continue;
      const idx = Math.floor(i / outStrides[d]) % batch[d];
      off += idx * ownStrides[d - pad];
    }
    offs[i] = off * block;
  }
  return offs;
}

let onesCache = new Float32Array(0);

/** At least n ones (shared, never written). */
function ones(n: number): Float32Array {
  if (onesCache.length < n) onesCache = new Float32Array(Math.max(n, 2 * onesCache.length)).fill(1);
  return onesCache;
}

/**
 * A dense layer in one op: x · W + b, with x [..., in], W [in, out], b [out] (or null).
 * Same result as add(matmul(x, W), b), but with no separate broadcast node and no extra buffer.
 * The bias goes through gemm too, as products with a column of ones — 1·bᵀ added onto x·W, and
 * the bias gradient 1ᵀ·∂y — because a TypeScript loop over the rows costs more than the
 * multiply itself at MLP sizes. Both give the floats the loops gave (adding 1·b rounds as adding
 * b; the column sums add in row order), so trained weights do not change.
 * This is the op small MLPs spend their time in, so it is worth the fusion.
 */
export function linear(tape: Tape, x: Tensor, W: Tensor, b: Tensor | null): Tensor {
  if (W.ndim !== 2 || x.ndim < 1 || x.shape[x.ndim - 1] !== W.shape[0]) {
    throw new Error(`linear: x [${x.shape}] and W [${W.shape}] do not chain (need x [..., in], W [in, out])`);
  }
  const K = W.shape[0], N = W.shape[1];
  if (b !== null && (b.ndim !== 1 || b.shape[0] !== N)) throw new Error(`linear: bias [${b.shape}] should be [${N}]`);
  const rows = K === 0 ? 0 : x.size / K;
  const out = tape.output([...x.shape.slice(0, -1), N]);
  const X = x.data, Wd = W.data, Y = out.data;
  gemm(X, 0, Wd, 0, Y, 0, rows, N, K);
  if (b !== null) gemm(ones(rows), 0, b.data, 0, Y, 0, rows, N, 1, false, false, true);
  const inputs = b === null ? [x, W] : [x, W, b];
  tape.record('linear', inputs, out, () => {
    const G = out.grad!;
    if (x.requiresGrad) gemm(G, 0, Wd, 0, x.grad!, 0, rows, K, N, false, true, true);
    if (W.requiresGrad) gemm(X, 0, G, 0, W.grad!, 0, K, N, rows, true, false, true);
    if (b !== null && b.requiresGrad) addColumnSums(G, rows, N, b.grad!, ones(rows));
  });
  return out;
}
