/**
 * The engine's WebAssembly module: one memory and four SIMD kernels — gemm (simd-gemm.ts),
 * im2col and col2im (simd-im2col.ts), max pooling (simd-pool.ts). The bytes are assembled from those TypeScript listings at
 * first use (wasm-builder.ts); there is no .wasm file and no toolchain.
 *
 * Compilation is synchronous so the kernels stay plain synchronous functions, usable identically
 * in Node, a browser page and a Web Worker; the module is well under the 4 KB that browsers allow
 * to compile synchronously on a page's main thread. Where WebAssembly SIMD is missing, `simd()`
 * returns null and the engine runs its TypeScript kernels instead.
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

/** The module's kernels by export name. */
export type KernelName = 'gemm' | 'im2col' | 'col2im' | 'maxpool';
export const KERNEL_NAMES: readonly KernelName[] = ['gemm', 'im2col', 'col2im', 'maxpool'];

/** Runs one kernel with byte arguments, as the module exports take them. */
export type Invoke = (kernel: KernelName, args: number[]) => void;

/** The kernels on float offsets into `reserve`'s array (byte conversion happens here). */
export interface Kernels {
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

export interface Simd extends Kernels {
  /**
   * A Float32Array over the module's memory with at least `floats` elements. Growing the memory
   * replaces the array, so take it after the last reserve and don't keep it across calls that
   * may reserve more.
   */
  reserve(floats: number): Float32Array;
}

/** The kernels on float offsets, run by `invoke` (here, or recorded for another thread: threads.ts). */
export function kernelsOn(invoke: Invoke): Kernels {
  const geometry = (g: ConvGeometry): number[] =>
    [g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW];
  return {
    gemm(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
      invoke('gemm', [a * 4, si * 4, sk * 4, b * 4, ldb * 4, c * 4, ldc * 4, M, N, K, accumulate ? 1 : 0]);
    },
    im2col(g, x, col, ld) {
      invoke('im2col', [x * 4, col * 4, ld * 4, ...geometry(g)]);
    },
    col2im(g, col, ld, dx) {
      invoke('col2im', [col * 4, dx * 4, ld * 4, ...geometry(g)]);
    },
    maxPool(g, x, y, arg) {
      invoke('maxpool', [x * 4, y * 4, arg * 4, ...geometry(g)]);
    }
  };
}

type Fn = (...args: number[]) => void;

/** Instantiates the module, on its own memory or on `shared` (imported). */
function instantiate(shared?: WebAssembly.Memory): Simd {
  const bytes = simdModuleBytes(shared !== undefined);
  const imports: WebAssembly.Imports = shared ? { env: { memory: shared } } : {};
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as
    Record<KernelName, Fn> & { memory: WebAssembly.Memory };
  const memory = exports.memory;
  let view = new Float32Array(memory.buffer);
  return {
    reserve(floats) {
      if (memory.buffer.byteLength < floats * 4) {
        memory.grow(Math.ceil((floats * 4 - memory.buffer.byteLength) / 65536));
      }
      if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
      return view;
    },
    ...kernelsOn((kernel, args) => exports[kernel](...args))
  };
}

let instance: Simd | null | undefined;

export function simd(): Simd | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    if (!WebAssembly.validate(simdModuleBytes())) return null;
    instance = instantiate();
  } catch {
    instance = null;
  }
  return instance;
}

/**
 * From now on the kernels run on `memory` (shared with helper threads, threads.ts): the module is
 * instantiated again on it. Nothing survives between kernel calls, so the switch can happen at
 * any time between them. Throws where the module cannot be built on a shared memory.
 */
export function useSharedMemory(memory: WebAssembly.Memory): void {
  instance = instantiate(memory);
}
