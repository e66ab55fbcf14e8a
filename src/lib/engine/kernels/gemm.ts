import { gemmScalar } from './gemm-scalar';
import { WS_COLS, WS_ROWS, workspace, type Workspace } from './workspace';

/**
 * Products smaller than this many multiply-adds, or with fewer than 4 output columns, stay in
 * TypeScript: there, copying the operands into WebAssembly memory and back costs more than the
 * arithmetic saves (measured here: 8×8·8×8 is a tie at 0.5 µs; 16×16·16×16 is 2.9 µs scalar,
 * 0.6 µs SIMD; a 154×16·16×1 product was 5 µs scalar, 9 µs SIMD, N = 1 being padded to 8 lanes).
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
 * Large products run on the WebAssembly SIMD micro-kernel (simd-gemm.ts), small ones and
 * platforms without SIMD on the TypeScript tiles (gemm-scalar.ts). The two differ only in
 * rounding (f32 vs f64 accumulation).
 */
export function gemm(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    if (!accumulate) C.fill(0, cOff, cOff + M * N);
    return;
  }
  const ws = workspace();
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
 * Copies the operands into the workspace (padding M to a multiple of WS_ROWS and N to one of
 * WS_COLS with zeros), multiplies there and copies C back. Row copies use TypedArray.set, a
 * memcpy; only a transposed B needs an element loop.
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
    if (Mp === M) w.set(A.subarray(aOff, aOff + K * M), a);
    else {
      for (let k = 0; k < K; k++) {
        w.set(A.subarray(aOff + k * M, aOff + k * M + M), a + k * Mp);
        w.fill(0, a + k * Mp + M, a + (k + 1) * Mp);
      }
    }
    si = 1; sk = Mp;
  }

  // op(B) as K rows of Np floats, columns N..Np zero.
  if (!transB) {
    if (Np === N) w.set(B.subarray(bOff, bOff + K * N), b);
    else {
      for (let k = 0; k < K; k++) {
        w.set(B.subarray(bOff + k * N, bOff + k * N + N), b + k * Np);
        w.fill(0, b + k * Np + N, b + (k + 1) * Np);
      }
    }
  } else {
    for (let k = 0; k < K; k++) {
      const row = b + k * Np;
      for (let j = 0; j < N; j++) w[row + j] = B[bOff + j * K + k];
      for (let j = N; j < Np; j++) w[row + j] = 0;
    }
  }

  if (accumulate) {
    if (Np === N) w.set(C.subarray(cOff, cOff + M * N), c);
    else for (let i = 0; i < M; i++) w.set(C.subarray(cOff + i * N, cOff + i * N + N), c + i * Np);
  }

  ws.gemm(a, si, sk, b, Np, c, Np, Mp, Np, K, accumulate);

  if (Np === N) C.set(w.subarray(c, c + M * N), cOff);
  else for (let i = 0; i < M; i++) C.set(w.subarray(c + i * Np, c + i * Np + N), cOff + i * N);
}
