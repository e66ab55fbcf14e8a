/**
 * The workspace: scratch memory where the engine's fast kernels read and write operands in place,
 * with the kernels that work on it. It is the WebAssembly module's memory when WebAssembly SIMD
 * is available (simd.ts), else a plain Float32Array with the TypeScript kernels — same offsets,
 * same results up to rounding, so callers are written once.
 *
 * Kernels that build a large operand themselves (the convolution's window matrix) build it here,
 * so it is never copied; `gemm` copies its operands in. One workspace per JavaScript realm (each
 * Worker has its own); nothing in it survives from one kernel call to the next. Once threads.ts
 * has started helper threads, the memory is shared with them and large kernel calls are split
 * across them (parallel.ts), with the same results.
 */
import { gemmScalar } from './gemm-scalar';
import { col2im, im2col } from './im2col';
import * as split from './parallel';
import { MR, NR, simd, type Simd } from './simd';

/** Row and column multiples that workspace products need (the SIMD micro-tile). */
export const WS_ROWS = MR;
export const WS_COLS = NR;

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
    // The kernels split across the engine's threads where it pays (parallel.ts); simd() is asked
    // on every reserve because starting threads moves the module onto a shared memory.
    simdWorkspace = simd() && {
      simd: true,
      reserve: (floats) => simd()!.reserve(floats),
      gemm: split.gemm,
      im2col: split.im2col,
      col2im: split.col2im
    };
  }
  return simdWorkspace ?? jsWorkspace;
}
