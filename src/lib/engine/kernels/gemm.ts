import { gemmScalar } from './gemm-scalar';
import type { Simd } from './simd';
import { WS_COLS, WS_ROWS, simdKernels, workspace, type Workspace } from './workspace';

/**
 * Products smaller than this many multiply-adds, or with fewer than 4 output columns, stay in
 * TypeScript: there, copying the operands into WebAssembly memory and back costs more than the
 * arithmetic saves (measured here: 8×8·8×8 is a tie at 0.5 µs; 16×16·16×16 is 2.9 µs scalar,
 * 0.6 µs SIMD). One output column is not padded to the float32 tiles (their sums would round
 * differently from gemm-scalar.ts's float64 ones, and the shipped models' training replays are
 * checked byte for byte): large enough, it runs in the float64 kernels of simd-gemv.ts instead.
 */
const SIMD_MIN_MACS = 1024;
const SIMD_MIN_N = 4;

/**
 * General matrix multiply on row-major Float32Arrays:
 *   C[M×N] (+)= op(A) · op(B),  op(A) is M×K, op(B) is K×N.
 * transA: A is stored K×M (so op(A) = Aᵀ); transB: B is stored N×K.
 * accumulate: add into C instead of overwriting it.
 * Offsets let callers multiply slices of larger buffers (batched matmul, im2col) without copying.
 *
 * This is the one hot loop most of the engine's time goes through; keep its signature stable.
 * Large products run on the WebAssembly SIMD micro-kernel (simd-gemm.ts), one-column ones on
 * its float64 gemv (simd-gemv.ts, the same floats as gemm-scalar.ts), small ones and platforms
 * without SIMD on the TypeScript tiles (gemm-scalar.ts). The tiles and the micro-kernel differ
 * only in rounding (f32 vs f64 accumulation).
 */
export function gemm(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false
): void {
  if (M === 0 || N === 0) return;
  // A vector is stored the same way transposed or not: take the copy-free layout (same floats).
  if (M === 1 || K === 1) transA = false;
  if (N === 1 || K === 1) transB = false;
  if (K === 0) {
    if (!accumulate) C.fill(0, cOff, cOff + M * N);
    return;
  }
  const ws = workspace();
  const fast = N === 1 && M * K >= SIMD_MIN_MACS ? simdKernels() : null;
  if (fast) {
    gemvCopying(fast, A, aOff, B, bOff, C, cOff, M, K, transA, accumulate);
    return;
  }
  if (!ws.simd || M * N * K < SIMD_MIN_MACS || N < SIMD_MIN_N) {
    gemmScalar(
      A, aOff, transA ? 1 : K, transA ? M : 1,
      B, bOff, transB ? 1 : N, transB ? K : 1,
      C, cOff, N, M, N, K, accumulate
    );
  } else {
    gemmCopying(ws, A, aOff, B, bOff, C, cOff, M, N, K, transA, transB, accumulate);
  }
}

/**
 * One output column (C is M×1) in the float64 kernels of simd-gemv.ts: the floats gemm-scalar.ts's
 * gemv gives, in a quarter of its time. op(B) is a contiguous column whatever transB says.
 */
function gemvCopying(
  fast: Simd, A: Float32Array, aOff: number, B: Float32Array, bOff: number,
  C: Float32Array, cOff: number, M: number, K: number, transA: boolean, accumulate: boolean
): void {
  const a = 0, b = M * K + 2; // one float of slack past A: gemvCols reads it when M is odd
  const c = (b + K + 1) & ~1; // an even float offset: gemvCols' float64 sums
  const w = fast.reserve(c + 2 * (M + 1));
  w.set(A.subarray(aOff, aOff + M * K), a);
  w.set(B.subarray(bOff, bOff + K), b);
  if (!transA) {
    if (accumulate) w.set(C.subarray(cOff, cOff + M), c);
    fast.gemvRows(a, K, b, c, M, K, accumulate);
    C.set(w.subarray(c, c + M), cOff);
    return;
  }
  fast.gemvCols(a, M, b, c, M, K);
  const sums = new Float64Array(w.buffer, w.byteOffset + c * 4, M);
  for (let i = 0; i < M; i++) C[cOff + i] = accumulate ? C[cOff + i] + sums[i] : sums[i];
}

/**
 * out[j] += Σ_r G[r·N + j] for r = 0 … rows − 1, in row order with every partial sum rounded to
 * float32 — the same floats as that loop, which it is below the SIMD size. On the SIMD path it is
 * the product 1ᵀ·G (ones: at least `rows` ones), whose kernel adds in exactly that order; that
 * is what a dense layer's bias gradient costs there instead of a TypeScript loop over the rows.
 */
export function addColumnSums(G: Float32Array, rows: number, N: number, out: Float32Array, ones: Float32Array): void {
  const ws = workspace();
  if (ws.simd && rows * N >= SIMD_MIN_MACS && N >= SIMD_MIN_N) {
    gemmCopying(ws, ones, 0, G, 0, out, 0, 1, N, rows, true, false, true);
    return;
  }
  for (let r = 0, o = 0; r < rows; r++) for (let j = 0; j < N; j++, o++) out[j] += G[o];
}

/**
 * Copies the operands into the workspace (padding M to a multiple of WS_ROWS and N to one of
 * WS_COLS with zeros), multiplies there and copies C back. Long rows are copied with
 * TypedArray.set, a memcpy; short ones (a 16-wide layer, a 1-wide column) by a loop.
 */
function gemmCopying(
  ws: Workspace,
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean
): void {
  const Mp = Math.ceil(M / WS_ROWS) * WS_ROWS;
  const Np = Math.ceil(N / WS_COLS) * WS_COLS;
  const a = 0;
  const b = a + Mp * K;
  const c = b + K * Np;
  const w = ws.reserve(c + Mp * Np);

  // op(A): stored row-major M×K, or K×M when transposed; rows M..Mp are zero.
  let si: number, sk: number;
  if (!transA) {
    w.set(A.subarray(aOff, aOff + M * K), a);
    w.fill(0, a + M * K, a + Mp * K);
    si = K; sk = 1;
  } else {
    copyRows(A, aOff, M, w, a, Mp, K, M);
    si = 1; sk = Mp;
  }

  // op(B) as K rows of Np floats, columns N..Np zero.
  if (!transB) copyRows(B, bOff, N, w, b, Np, K, N);
  else {
    for (let k = 0; k < K; k++) {
      const row = b + k * Np;
      for (let j = 0; j < N; j++) w[row + j] = B[bOff + j * K + k];
      for (let j = N; j < Np; j++) w[row + j] = 0;
    }
  }

  if (accumulate) copyRows(C, cOff, N, w, c, Np, M, N);

  ws.gemm(a, si, sk, b, Np, c, Np, Mp, Np, K, accumulate);

  copyRows(w, c, Np, C, cOff, N, M, N);
}

/** Rows shorter than this are copied by a loop: a subarray per row costs more than it saves. */
const SET_MIN = 64;

/**
 * Copies `rows` rows of `width` floats from stride sLd to stride dLd, zero-filling the
 * destination's columns width..dLd when it is wider. One memcpy when both are dense.
 */
function copyRows(
  src: Float32Array, sOff: number, sLd: number,
  dst: Float32Array, dOff: number, dLd: number,
  rows: number, width: number
): void {
  if (sLd === width && dLd === width) {
    dst.set(src.subarray(sOff, sOff + rows * width), dOff);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const s = sOff + r * sLd, d = dOff + r * dLd;
    if (width >= SET_MIN) {
      dst.set(src.subarray(s, s + width), d);
      if (dLd > width) dst.fill(0, d + width, d + dLd);
    } else {
      for (let j = 0; j < width; j++) dst[d + j] = src[s + j];
      for (let j = width; j < dLd; j++) dst[d + j] = 0;
    }
  }
}
