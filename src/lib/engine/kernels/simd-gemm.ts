/**
 * The engine's one piece of WebAssembly: a 4×8 register-tiled f32x4 matrix-multiply micro-kernel.
 *
 * Why it exists: plain TypeScript tops out near 4 GFLOP/s here (every Float32Array element is
 * widened to a double and bounds-checked), while 128-bit SIMD does four multiply-adds per
 * instruction. Everything else in the engine stays TypeScript; only the innermost loop of gemm
 * (and therefore of matmul and convolution) runs here.
 *
 * How it is used: callers lay operands out in this module's linear memory (`heap`), then call
 * `run`. The kernel reads op(A) through two strides, so row-major A and transposed A both work
 * without packing; op(B) must be row-major with its row stride a multiple of 8 floats; M must be a
 * multiple of 4 and N of 8 (callers pad with zeros). C is row-major with stride ldc.
 *
 * The module is built from the instruction listing below at first use (no .wasm file, no
 * toolchain). If the platform lacks WebAssembly SIMD, `simdGemm()` returns null and the engine
 * uses its TypeScript kernels instead.
 */
import { FuncBuilder, ModuleBuilder, i32, v128 } from './wasm-builder';

/** Rows and columns of C computed per micro-kernel call (8 f32x4 accumulators). */
export const MR = 4;
export const NR = 8;

export function buildGemmKernel(MR: number, NR: number): FuncBuilder {
  const NV = NR / 4;
  // params (all byte addresses / byte strides, i32):
  //   a, si, sk: element (i,k) of op(A) at a + i*si + k*sk
  //   b, ldb:    element (k,j) of op(B) at b + k*ldb + 4j
  //   c, ldc:    element (i,j) of C     at c + i*ldc + 4j
  //   M, N, K:   sizes (M % 4 == 0, N % 8 == 0)
  //   acc:       nonzero → C += op(A)·op(B), zero → C = op(A)·op(B)
  const f = new FuncBuilder([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32]);
  const [a, si, sk, b, ldb, c, ldc, M, N, K, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const i = f.local(i32), j = f.local(i32), k = f.local(i32);
  const rows = Array.from({ length: MR }, () => f.local(i32));
  const pb = f.local(i32), pc = f.local(i32);
  const cv = Array.from({ length: MR * NV }, () => f.local(v128)); // cv[r*NV + v]: row r, cols 4v..4v+3
  const bv = Array.from({ length: NV }, () => f.local(v128));
  const x = f.local(v128);

  /** pc + r*ldc, the address of row r of the current C tile. */
  const rowAddr = (r: number): void => {
    f.get(pc);
    for (let t = 0; t < r; t++) f.get(ldc).i32Add();
  };

  f.i32Const(0).set(i);
  f.block().loop(); // for i in 0..M step 4
  f.get(i).get(M).i32GeU().brIf(1);
  {
    f.i32Const(0).set(j);
    f.block().loop(); // for j in 0..N step 8
    f.get(j).get(N).i32GeU().brIf(1);
    {
      // pc = c + i*ldc + 4j
      f.get(c).get(i).get(ldc).i32Mul().i32Add().get(j).i32Const(2).i32Shl().i32Add().set(pc);
      f.get(acc).if_();
      for (let r = 0; r < MR; r++) for (let v = 0; v < NV; v++) {
        rowAddr(r); f.v128Load(16 * v).set(cv[r * NV + v]);
      }
      f.else_();
      for (const v of cv) f.v128Zero().set(v);
      f.end();
      // row pointers into op(A) and the column panel of op(B)
      f.get(a).get(i).get(si).i32Mul().i32Add().set(rows[0]);
      for (let r = 1; r < MR; r++) f.get(rows[r - 1]).get(si).i32Add().set(rows[r]);
      f.get(b).get(j).i32Const(2).i32Shl().i32Add().set(pb);
      f.get(K).set(k);
      f.block();
      f.get(k).i32Eqz().brIf(0);
      f.loop(); // for k in K..1: 2 loads of B, 4 broadcasts of A, 8 multiply-adds of 4 lanes
      {
        for (let v = 0; v < NV; v++) f.get(pb).v128Load(16 * v).set(bv[v]);
        for (let r = 0; r < MR; r++) {
          f.get(rows[r]).v128Load32Splat(0).set(x);
          for (let v = 0; v < NV; v++) {
            f.get(cv[r * NV + v]).get(x).get(bv[v]).f32x4Mul().f32x4Add().set(cv[r * NV + v]);
          }
        }
        for (const p of rows) f.get(p).get(sk).i32Add().set(p);
        f.get(pb).get(ldb).i32Add().set(pb);
        f.get(k).i32Const(1).i32Sub().tee(k).brIf(0);
      }
      f.end(); // loop k
      f.end(); // block k
      for (let r = 0; r < MR; r++) for (let v = 0; v < NV; v++) {
        rowAddr(r); f.get(cv[r * NV + v]).v128Store(16 * v);
      }
      f.get(j).i32Const(NR).i32Add().set(j);
      f.br(0);
    }
    f.end().end(); // loop j, block j
    f.get(i).i32Const(MR).i32Add().set(i);
    f.br(0);
  }
  f.end().end(); // loop i, block i
  return f;
}

/** The module's bytes; exported so a test can check they validate and stay small. */
export function simdGemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder(1);
  m.func('gemm', buildGemmKernel(MR, NR));
  return m.bytes();
}

type KernelFn = (
  a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
  M: number, N: number, K: number, acc: number
) => void;

export interface SimdGemm {
  /**
   * A Float32Array view over the module's memory holding at least `floats` elements. Growing the
   * memory detaches earlier views, so take the view after reserving and don't keep it across calls
   * that may reserve more.
   */
  reserve(floats: number): Float32Array;
  /**
   * C = (or +=) op(A)·op(B) on heap operands. All offsets and strides are in floats (heap indices).
   * op(A)(i,k) = heap[a + i*si + k*sk]; op(B)(k,j) = heap[b + k*ldb + j]; C(i,j) = heap[c + i*ldc + j].
   * Requires M % 4 == 0, N % 8 == 0.
   */
  run(
    a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
    M: number, N: number, K: number, accumulate: boolean
  ): void;
}

let instance: SimdGemm | null | undefined;

/** The SIMD kernel, instantiated on first use; null when WebAssembly SIMD is unavailable. */
export function simdGemm(): SimdGemm | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = simdGemmModuleBytes();
    if (!WebAssembly.validate(bytes)) return null;
    // Synchronous compilation keeps gemm a plain synchronous function; the module is well under
    // the 4 KB that browsers allow to compile synchronously on the main thread.
    const mod = new WebAssembly.Module(bytes);
    const exports = new WebAssembly.Instance(mod, {}).exports as {
      memory: WebAssembly.Memory;
      gemm: KernelFn;
    };
    const memory = exports.memory;
    const kernel = exports.gemm;
    let view = new Float32Array(memory.buffer);
    instance = {
      reserve(floats) {
        if (view.length < floats) {
          const needBytes = floats * 4 - memory.buffer.byteLength;
          memory.grow(Math.ceil(needBytes / 65536));
          view = new Float32Array(memory.buffer);
        } else if (view.buffer !== memory.buffer) {
          view = new Float32Array(memory.buffer);
        }
        return view;
      },
      run(a, si, sk, b, ldb, c, ldc, M, N, K, accumulate) {
        kernel(a * 4, si * 4, sk * 4, b * 4, ldb * 4, c * 4, ldc * 4, M, N, K, accumulate ? 1 : 0);
      }
    };
  } catch {
    instance = null;
  }
  return instance;
}
