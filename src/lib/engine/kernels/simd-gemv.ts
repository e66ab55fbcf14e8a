/**
 * Matrix times vector in float64 lanes, for the products gemm keeps off its float32 SIMD tiles
 * (one output column, as a dense layer with one output has): the same sums as `gemv` in
 * gemm-scalar.ts, operation for operation, so the same floats — two f64 lanes per instruction
 * instead of TypeScript's one widened element at a time.
 *
 *   gemvRows(a, lda, b, c, M, K, acc)   c[i] (+)= Σ_k a[i·lda + k]·b[k] as two running sums,
 *     even k in lane 0 and odd k in lane 1 (gemv's s0 and s1), an odd last k added to s0, then
 *     (c[i] + s0) + s1, or s0 + s1, rounded to float32; c contiguous floats, lda in bytes.
 *   gemvCols(a, lda, b, sums, M, K)     sums[i] = Σ_k a[k·lda + i]·b[k] in float64 (M rounded up
 *     to even: one float past each row of a is read, its sum lane ignored); sums: f64 array.
 * Addresses are byte addresses into the module's memory.
 */
import { FuncBuilder, f64, i32, v128 } from './wasm-builder';

/** Two floats at the address on the stack, widened to f64x2 (exact). */
const pair = (f: FuncBuilder, addr: number): void => { f.get(addr).v128Load64Zero(0).f64x2PromoteLowF32x4(); };

export function buildGemvRows(): FuncBuilder {
  const f = new FuncBuilder([i32, i32, i32, i32, i32, i32, i32]);
  const [a, lda, b, c, M, K, acc] = [0, 1, 2, 3, 4, 5, 6];
  const i = f.local(i32), pa = f.local(i32), pb = f.local(i32), end = f.local(i32);
  const sum = f.local(v128), s0 = f.local(f64);
  f.i32Const(0).set(i);
  f.whileLoop(() => { f.get(i).get(M).i32LtU(); }, () => {
    f.get(a).get(i).get(lda).i32Mul().i32Add().set(pa);
    f.get(b).set(pb);
    f.get(pa).get(K).i32Const(-2).i32And().i32Const(2).i32Shl().i32Add().set(end);
    f.v128Zero().set(sum);
    f.whileLoop(() => { f.get(pa).get(end).i32LtU(); }, () => {
      f.get(sum); pair(f, pa); pair(f, pb); f.f64x2Mul().f64x2Add().set(sum);
      f.get(pa).i32Const(8).i32Add().set(pa);
      f.get(pb).i32Const(8).i32Add().set(pb);
    });
    f.get(sum).f64x2ExtractLane(0).set(s0);
    f.get(K).i32Const(1).i32And().if_();
    f.get(s0).get(pa).f32Load(0).f64PromoteF32().get(pb).f32Load(0).f64PromoteF32().f64Mul().f64Add().set(s0);
    f.end();
    // c[i] = acc ? (c[i] + s0) + s1 : s0 + s1
    f.get(c);
    f.get(acc).if_();
    f.get(c).f32Load(0).f64PromoteF32().get(s0).f64Add().set(s0);
    f.end();
    f.get(s0).get(sum).f64x2ExtractLane(1).f64Add().f32DemoteF64().f32Store(0);
    f.get(c).i32Const(4).i32Add().set(c);
    f.get(i).i32Const(1).i32Add().set(i);
  });
  return f;
}

export function buildGemvCols(): FuncBuilder {
  const f = new FuncBuilder([i32, i32, i32, i32, i32, i32]);
  const [a, lda, b, sums, M, K] = [0, 1, 2, 3, 4, 5];
  const k = f.local(i32), pa = f.local(i32), ps = f.local(i32), end = f.local(i32), bk = f.local(v128);
  // sums = 0 over M rounded up to even
  f.get(sums).get(M).i32Const(1).i32Add().i32Const(-2).i32And().i32Const(3).i32Shl().i32Add().set(end);
  f.get(sums).set(ps);
  f.whileLoop(() => { f.get(ps).get(end).i32LtU(); }, () => {
    f.get(ps).v128Zero().v128Store(0);
    f.get(ps).i32Const(16).i32Add().set(ps);
  });
  f.i32Const(0).set(k);
  f.whileLoop(() => { f.get(k).get(K).i32LtU(); }, () => {
    f.get(b).f32Load(0).f64PromoteF32().f64x2Splat().set(bk);
    f.get(a).get(k).get(lda).i32Mul().i32Add().set(pa);
    f.get(sums).set(ps);
    // sums[i..i+1] += a[k, i..i+1]·b[k], as gemv's Float64Array running sums
    f.whileLoop(() => { f.get(ps).get(end).i32LtU(); }, () => {
      f.get(ps).get(ps).v128Load(0); pair(f, pa); f.get(bk).f64x2Mul().f64x2Add().v128Store(0);
      f.get(ps).i32Const(16).i32Add().set(ps);
      f.get(pa).i32Const(8).i32Add().set(pa);
    });
    f.get(b).i32Const(4).i32Add().set(b);
    f.get(k).i32Const(1).i32Add().set(k);
  });
  return f;
}
