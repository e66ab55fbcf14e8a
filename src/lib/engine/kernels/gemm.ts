import { gemmScalar } from './gemm-scalar';
import { MR, NR, simdGemm } from './simd-gemm';

/**
 * Products smaller than this many multiply-adds, or with fewer than 4 output columns, stay in
 * TypeScript: there, copying the operands into WebAssembly memory and back costs more than the
 * arithmetic saves (measured: a 154×16·16×1 product takes 5 µs scalar, 9 µs via SIMD, because
 * N = 1 is padded to 8 lanes; 8×8·8×8 is a tie; 16×16·16×16 is 2.9 µs scalar, 0.6 µs SIMD).
 */
const SIMD_MIN_MACS = 1024;
const SIMD_MIN_N = 4;

/** Long reductions are cut into slices of this many k so a slice of op(B) stays in cache. */
const KC = 512;

/** Row and column multiples that workspace products need (the SIMD micro-tile). */
export const WS_ROWS = MR;
export const WS_COLS = NR;

let simdAllowed = true;

/**
 * Turns the WebAssembly SIMD path off (or back on). For tests and benchmarks that check or
 * measure the TypeScript path; the engine itself never calls this.
 */
export function setGemmSimd(enabled: boolean): void {
  simdAllowed = enabled;
}

/** Whether products run on WebAssembly SIMD on this platform (else on TypeScript tiles). */
export function gemmUsesSimd(): boolean {
  return simdAllowed && simdGemm() !== null;
}

/**
 * Scratch memory where the fast kernel can read operands in place: the SIMD module's memory when
 * available, else a plain Float32Array. Kernels that build a large operand themselves
 * (im2col) write it here directly instead of into an array that gemm would then copy.
 */
export interface Workspace {
  /**
   * An array of at least `floats` elements. Growing may replace the array, so take it after the
   * last reserve and don't hold it across calls that reserve (including `gemm` below).
   */
  reserve(floats: number): Float32Array;
  /**
   * C(i,j) (+)= Σ_k op(A)(i,k)·op(B)(k,j), all operands in the workspace (offsets and strides in
   * floats): op(A)(i,k) = w[a + i*si + k*sk], op(B)(k,j) = w[b + k*ldb + j], C(i,j) = w[c + i*ldc + j].
   * Requires M % WS_ROWS == 0 and N % WS_COLS == 0 (pad with zero rows/columns).
   */
  gemm(
    a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
    M: number, N: number, K: number, accumulate: boolean
  ): void;
}

let jsArray = new Float32Array(0);
const jsWorkspace: Workspace = {
  reserve(floats) {
    if (jsArray.length < floats) {
      const bigger = new Float32Array(Math.max(floats, jsArray.length * 2));
      bigger.set(jsArray);
      jsArray = bigger;
    }
    return jsArray;
  },
  gemm(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
    gemmScalar(jsArray, a, si, sk, jsArray, b, ldb, 1, jsArray, c, ldc, M, N, K, accumulate);
  }
};

let simdWorkspace: Workspace | null | undefined;

/** The workspace of the fastest available kernel. */
export function workspace(): Workspace {
  if (!simdAllowed) return jsWorkspace;
  if (simdWorkspace === undefined) {
    const simd = simdGemm();
    simdWorkspace = simd && {
      reserve: (floats) => simd.reserve(floats),
      gemm(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
        for (let k0 = 0; k0 < K; k0 += KC) {
          const kc = Math.min(KC, K - k0);
          simd.run(a + k0 * sk, si, sk, b + k0 * ldb, ldb, c, ldc, M, N, kc, accumulate || k0 > 0);
        }
      }
    };
  }
  return simdWorkspace ?? jsWorkspace;
}

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
  const ws = M * N * K >= SIMD_MIN_MACS && N >= SIMD_MIN_N ? workspace() : jsWorkspace;
  if (ws === jsWorkspace) {
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
