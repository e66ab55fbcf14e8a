/**
 * The engine's WebAssembly module: one memory and its SIMD kernels — gemm (simd-gemm.ts), its
 * one-column products in float64 (simd-gemv.ts),
 * im2col and col2im (simd-im2col.ts), max pooling (simd-pool.ts), relu and tanh with their
 * gradients (simd-elementwise.ts). The bytes are assembled from those TypeScript listings at
 * first use (wasm-builder.ts); there is no .wasm file and no toolchain.
 *
 * Compilation is synchronous so the kernels stay plain synchronous functions, usable identically
 * in Node, a browser page and a Web Worker; the module is well under the 4 KB that browsers allow
 * to compile synchronously on a page's main thread. Where WebAssembly SIMD is missing, `simd()`
 * returns null and the engine runs its TypeScript kernels instead. With threads (threads.ts), the
 * module is instantiated again on a shared memory that helper threads instantiate it on too.
 */
import type { ConvGeometry } from './conv-geometry';
import { MR, NR, buildGemmKernel } from './simd-gemm';
import { buildRelu, buildReluGrad, buildTanh, buildTanhGrad } from './simd-elementwise';
import { buildGemvCols, buildGemvRows } from './simd-gemv';
import { buildCol2im, buildIm2col } from './simd-im2col';
import { buildMaxPool, buildMaxPoolGrad } from './simd-pool';
import { ModuleBuilder } from './wasm-builder';

export { MR, NR };

/**
 * Pages (64 KiB) a shared memory may grow to: 1 GiB, far beyond any workspace the lecture needs,
 * and small enough to reserve on 32-bit devices too. A shared memory must declare a maximum.
 */
export const SHARED_MAX_PAGES = 16384;

/**
 * The module's bytes; exported so a test can check they validate and stay small. `shared`: the
 * memory is imported (env.memory, shared) instead of defined, for threads.ts.
 */
export function simdModuleBytes(shared = false): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder(1, shared ? SHARED_MAX_PAGES : undefined);
  m.func('gemm', buildGemmKernel(MR, NR));
  m.func('gemvRows', buildGemvRows());
  m.func('gemvCols', buildGemvCols());
  m.func('im2col', buildIm2col());
  m.func('col2im', buildCol2im());
  m.func('maxpool', buildMaxPool());
  m.func('maxpoolGrad', buildMaxPoolGrad());
  m.func('relu', buildRelu());
  m.func('reluGrad', buildReluGrad());
  m.func('tanh', buildTanh());
  m.func('tanhGrad', buildTanhGrad());
  return m.bytes();
}

type Fn = (...args: number[]) => void;

/** The module's exports: its memory and kernels, which take byte addresses. */
export interface SimdExports {
  memory: WebAssembly.Memory; gemm: Fn; gemvRows: Fn; gemvCols: Fn; im2col: Fn; col2im: Fn; maxpool: Fn; maxpoolGrad: Fn;
  relu: Fn; reluGrad: Fn; tanh: Fn; tanhGrad: Fn;
}

/** The kernels on float offsets into `reserve`'s array (byte conversion happens here). */
export interface Simd {
  /**
   * A Float32Array over the module's memory with at least `floats` elements. Growing the memory
   * replaces the array, so take it after the last reserve and don't keep it across calls that
   * may reserve more.
   */
  reserve(floats: number): Float32Array;
  /** C (+)= op(A)·op(B): op(A)(i,k) = m[a + i·si + k·sk], op(B)(k,j) = m[b + k·ldb + j], C(i,j) = m[c + i·ldc + j]. */
  gemm(
    a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
    M: number, N: number, K: number, accumulate: boolean
  ): void;
  /**
   * simd-gemv.ts on float offsets: c[i] (+)= row i of a (rows `lda` floats apart) · b, as
   * gemm-scalar.ts's gemv sums it; and sums[i] = Σ_k a[k·lda + i]·b[k] into float64 at `sums`
   * (an even float offset; M rounded up to even, one float read past a's last row).
   */
  gemvRows(a: number, lda: number, b: number, c: number, M: number, K: number, accumulate: boolean): void;
  gemvCols(a: number, lda: number, b: number, sums: number, M: number, K: number): void;
  /** As im2col.ts, on memory offsets; rows of the window matrix are `ld` floats apart. */
  im2col(g: ConvGeometry, x: number, col: number, ld: number): void;
  /** As col2im.ts (adds into dx), on memory offsets. */
  col2im(g: ConvGeometry, col: number, ld: number, dx: number): void;
  /** As maxPoolForward in pool.ts, on memory offsets (arg: Int32 winner indices); g.C % 4 == 0. */
  maxPool(g: ConvGeometry, x: number, y: number, arg: number): void;
  /** As maxPoolBackward in pool.ts (dx[arg[i]] += dy[i], i < n), on memory offsets. */
  maxPoolGrad(dy: number, arg: number, dx: number, n: number): void;
  /**
   * Elementwise kernels of simd-elementwise.ts over n floats at each offset. They run in whole
   * vectors: up to 3 floats past n at every operand are read and written (reserve them).
   */
  relu(x: number, y: number, n: number): void;
  reluGrad(g: number, x: number, gx: number, n: number): void;
  tanh(x: number, y: number, n: number): void;
  tanhGrad(g: number, y: number, gx: number, n: number): void;
}

/** n floats as a byte count rounded up to whole v128 vectors. */
const vectorBytes = (n: number): number => ((n + 3) & ~3) * 4;

let instance: Simd | null | undefined;

export function simd(): Simd | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = simdModuleBytes();
    if (!WebAssembly.validate(bytes)) return null;
    instance = bind(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as SimdExports);
  } catch {
    instance = null;
  }
  return instance;
}

/**
 * From now on the kernels run on `memory`, a shared memory (threads.ts): the module is instantiated
 * again on it. Nothing survives between kernel calls, so the switch can happen between any two.
 */
export function useSharedMemory(memory: WebAssembly.Memory): void {
  const module = new WebAssembly.Module(simdModuleBytes(true));
  instance = bind(new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports);
}

/**
 * The kernels on float offsets over the module's exports: an instance's, or stand-ins that record
 * the calls for a helper thread to run (threads.ts).
 */
export function bind(exports: SimdExports): Simd {
  const { memory, gemm, gemvRows, gemvCols, im2col, col2im, maxpool, maxpoolGrad, relu, reluGrad, tanh, tanhGrad } = exports;
  let view = new Float32Array(memory.buffer);
  return {
    reserve(floats) {
      if (memory.buffer.byteLength < floats * 4) {
        memory.grow(Math.ceil((floats * 4 - memory.buffer.byteLength) / 65536));
      }
      if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
      return view;
    },
    gemm(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
      gemm(a * 4, si * 4, sk * 4, b * 4, ldb * 4, c * 4, ldc * 4, M, N, K, accumulate ? 1 : 0);
    },
    gemvRows: (a, lda, b, c, M, K, accumulate) => gemvRows(a * 4, lda * 4, b * 4, c * 4, M, K, accumulate ? 1 : 0),
    gemvCols: (a, lda, b, sums, M, K) => gemvCols(a * 4, lda * 4, b * 4, sums * 4, M, K),
    im2col(g, x, col, ld) {
      im2col(x * 4, col * 4, ld * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    },
    col2im(g, col, ld, dx) {
      col2im(col * 4, dx * 4, ld * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    },
    maxPool(g, x, y, arg) {
      maxpool(x * 4, y * 4, arg * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    },
    maxPoolGrad: (dy, arg, dx, n) => maxpoolGrad(dy * 4, arg * 4, dx * 4, n),
    relu: (x, y, n) => relu(x * 4, y * 4, vectorBytes(n)),
    reluGrad: (g, x, gx, n) => reluGrad(g * 4, x * 4, gx * 4, vectorBytes(n)),
    tanh: (x, y, n) => tanh(x * 4, y * 4, vectorBytes(n)),
    tanhGrad: (g, y, gx, n) => tanhGrad(g * 4, y * 4, gx * 4, vectorBytes(n))
  };
}
