/**
 * The workspace: scratch memory where the engine's fast kernels read and write operands in place,
 * with the kernels that work on it. It is the WebAssembly module's memory when WebAssembly SIMD
 * is available (simd.ts), else a plain Float32Array with the TypeScript kernels — same offsets,
 * same results up to rounding, so callers are written once.
 *
 * Kernels that build a large operand themselves (the convolution's window matrix) build it here,
 * so it is never copied; `gemm` copies its operands in. One workspace per JavaScript realm (each
 * Worker has its own); nothing in it survives from one kernel call to the next.
 */
import { gemmScalar } from './gemm-scalar';
import { col2im, im2col } from './im2col';
import { MR, NR, simd, type Simd } from './simd';

/** Row and column multiples that workspace products need (the SIMD micro-tile). */
export const WS_ROWS = MR;
export const WS_COLS = NR;

/** Long reductions are cut into slices of this many k so a slice of op(B) stays in cache. */
const KC = 512;

/**
 * The kernels of simd.ts, on offsets (in floats) into the array `reserve` returns, whichever
 * implementation runs them. `gemm` requires M % WS_ROWS == 0 and N % WS_COLS == 0: padding rows and
 * columns may hold anything finite (they only produce padding outputs), but K must be exact.
 */
export interface Workspace extends Pick<Simd, 'reserve' | 'gemm' | 'im2col' | 'col2im'> {
  /** True for the WebAssembly SIMD workspace. */
  readonly simd: boolean;
}

let jsArray = new Float32Array(0);
const jsWorkspace: Workspace = {
  simd: false,
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
  },
  im2col(g, x, col, ld) {
    im2col(g, jsArray, x, jsArray, col, ld);
  },
  col2im(g, col, ld, dx) {
    col2im(g, jsArray, col, ld, jsArray, dx);
  }
};

let simdWorkspace: Workspace | null | undefined;
let simdAllowed = true;

/**
 * Turns the WebAssembly path off (or back on). For tests and benchmarks that check or measure
 * the TypeScript kernels; the engine itself never calls this.
 */
export function setSimdEnabled(enabled: boolean): void {
  simdAllowed = enabled;
}

/** The WebAssembly kernels, or null when unavailable or turned off. */
export function simdKernels(): Simd | null {
  return simdAllowed ? simd() : null;
}

/** The fastest available workspace. */
export function workspace(): Workspace {
  if (!simdAllowed) return jsWorkspace;
  if (simdWorkspace === undefined) {
    const s = simd();
    simdWorkspace = s && {
      simd: true,
      reserve: (floats) => s.reserve(floats),
      gemm(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
        for (let k0 = 0; k0 < K; k0 += KC) {
          const kc = Math.min(KC, K - k0);
          s.gemm(a + k0 * sk, si, sk, b + k0 * ldb, ldb, c, ldc, M, N, kc, accumulate || k0 > 0);
        }
      },
      im2col: (g, x, col, ld) => s.im2col(g, x, col, ld),
      col2im: (g, col, ld, dx) => s.col2im(g, col, ld, dx)
    };
  }
  return simdWorkspace ?? jsWorkspace;
}
