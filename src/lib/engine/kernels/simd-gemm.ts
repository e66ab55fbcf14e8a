/**
 * The matrix-multiply micro-kernel in WebAssembly SIMD: C tiles of 4 rows × 8 columns held in
 * eight f32x4 registers, each step of k broadcasting 4 values of op(A) and loading 8 of op(B).
 *
 * Why: plain TypeScript tops out near 4 GFLOP/s here (every Float32Array element is widened to
 * a double and bounds-checked), while one f32x4 instruction does four multiply-adds; this kernel
 * runs at 30-40 GFLOP/s on one core. 4×8 measured fastest: 6×8, 4×12 and larger tiles need more
 * than the 16 vector registers and spill (2×16 is within 10%).
 *
 * Contract (all byte addresses in the module's memory, see simd.ts): op(A) is read through two
 * strides, so row-major and transposed A both work without packing; op(B) is row-major; M must
 * be a multiple of 4 and N of 8 (callers pad); C is row-major with stride ldc.
 */
import { FuncBuilder, i32, v128 } from './wasm-builder';

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
