/**
 * The engine's WebAssembly module: one memory and four SIMD kernels — gemm (simd-gemm.ts),
 * im2col and col2im (simd-im2col.ts), max pooling (simd-pool.ts). The bytes are assembled from those TypeScript listings at
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
import { buildCol2im, buildIm2col } from './simd-im2col';
import { buildMaxPool } from './simd-pool';
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
  m.func('im2col', buildIm2col());
  m.func('col2im', buildCol2im());
  m.func('maxpool', buildMaxPool());
  return m.bytes();
}

type Fn = (...args: number[]) => void;

/** The module's exports: its memory and kernels, which take byte addresses. */
export interface SimdExports {
  memory: WebAssembly.Memory; gemm: Fn; im2col: Fn; col2im: Fn; maxpool: Fn;
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
  /** As im2col.ts, on memory offsets; rows of the window matrix are `ld` floats apart. */
  im2col(g: ConvGeometry, x: number, col: number, ld: number): void;
  /** As col2im.ts (adds into dx), on memory offsets. */
  col2im(g: ConvGeometry, col: number, ld: number, dx: number): void;
  /** As maxPoolForward in pool.ts, on memory offsets (arg: Int32 winner indices); g.C % 4 == 0. */
  maxPool(g: ConvGeometry, x: number, y: number, arg: number): void;
}

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
  const { memory, gemm, im2col, col2im, maxpool } = exports;
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
    im2col(g, x, col, ld) {
      im2col(x * 4, col * 4, ld * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    },
    col2im(g, col, ld, dx) {
      col2im(col * 4, dx * 4, ld * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    },
    maxPool(g, x, y, arg) {
      maxpool(x * 4, y * 4, arg * 4, g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW);
    }
  };
}
