/**
 * Elementwise activations and their gradients as WebAssembly SIMD functions: relu and tanh, the
 * nonlinearities of the lecture's CNNs and MLPs (same results as the TypeScript loops in
 * elementwise.ts, the reference and fallback, exactly; only NaN payloads may differ).
 *
 * Why: a TypeScript Float32Array loop costs 1–7 ns per element here (each element is widened to
 * a double, bounds-checked, narrowed back; `Math.max` is slower still), and a CNN step runs relu
 * forward and backward over ~0.9 M activations. Here relu moves 4 floats per instruction, and
 * even with the copies into and out of the module's memory (memcpy, ~0.1 ns per float) it is
 * ~10× faster. tanh is evaluated in f64x2 lanes with the same rational function and the same
 * operation order as fastmath.ts — WebAssembly rounds every f64 operation exactly as JavaScript
 * does and never fuses them — so the result is the same float32.
 *
 * All take byte addresses into the module's memory and a byte count:
 *   relu(x, y, bytes)          y = max(x, 0)                     bytes % 16 == 0
 *   reluGrad(g, x, gx, bytes)  gx += g · (x > 0 ? 1 : 0)         bytes % 16 == 0
 *   tanh(x, y, bytes)          y = tanhf(x)                      bytes % 16 == 0
 *   tanhGrad(g, y, gx, bytes)  gx += g · (1 − y²), in float64    bytes % 8 == 0
 */
import { TANH_P, TANH_Q, TANH_SATURATES } from '../fastmath';
import { FuncBuilder, i32, v128 } from './wasm-builder';

/** A function of `pointers` byte-address params and a final byte count, walking them together. */
function streaming(pointers: number, step: number, body: (f: FuncBuilder, p: number[]) => void, setup?: (f: FuncBuilder) => void): FuncBuilder {
  const f = new FuncBuilder(Array.from({ length: pointers + 1 }, () => i32));
  const p = Array.from({ length: pointers }, (_, i) => i);
  const bytes = pointers, end = f.local(i32);
  setup?.(f);
  f.get(p[0]).get(bytes).i32Add().set(end);
  f.whileLoop(() => { f.get(p[0]).get(end).i32LtU(); }, () => {
    body(f, p);
    for (const q of p) f.get(q).i32Const(step).i32Add().set(q);
  });
  return f;
}

/** 1.0f in every lane. */
const ONE_F32 = 0x3f800000;

export const buildRelu = (): FuncBuilder =>
  streaming(2, 16, (f, [x, y]) => {
    f.get(y).get(x).v128Load(0).v128Zero().f32x4Max().v128Store(0);
  });

export const buildReluGrad = (): FuncBuilder =>
  streaming(3, 16, (f, [g, x, gx]) => {
    f.get(gx).get(gx).v128Load(0);
    f.get(g).v128Load(0);
    // (x > 0) as 1.0 or 0.0 per lane, multiplied in as the TypeScript loop does (so NaN·0 stays NaN)
    f.get(x).v128Load(0).v128Zero().f32x4Gt().v128ConstI32([ONE_F32, ONE_F32, ONE_F32, ONE_F32]).v128And();
    f.f32x4Mul().f32x4Add().v128Store(0);
  });

/** Two floats at `addr` widened to f64x2. */
const loadPair = (f: FuncBuilder, addr: number): void => {
  f.get(addr).v128Load64Zero(0).f64x2PromoteLowF32x4();
};
const splat = (f: FuncBuilder, c: number): void => { f.f64Const(c).f64x2Splat(); };

export function buildTanh(): FuncBuilder {
  // Four floats per iteration as two f64x2 halves whose steps are interleaved: each half is a
  // chain of ~20 dependent operations, and two independent chains keep the arithmetic units
  // busy. The constants live in locals, set once before the loop.
  const offsets = [0, 8]; // bytes: the low and the high pair of floats
  let v: number[] = [], s: number[] = [], num: number[] = [], den: number[] = [];
  let one = 0, minusOne = 0, sat = 0, minusSat = 0, p: number[] = [], q: number[] = [];
  return streaming(2, 16, (f, [x, y]) => {
    const both = (emit: (h: number) => void): void => { emit(0); emit(1); };
    both((h) => { f.get(x).v128Load64Zero(offsets[h]).f64x2PromoteLowF32x4().set(v[h]); });
    both((h) => { f.get(v[h]).get(v[h]).f64x2Mul().set(s[h]); });
    // x · (P0 + s·(P1 + s·(P2 + s·(P3 + s·(P4 + s·P5))))), innermost first, as fastmath.ts
    both((h) => { f.get(p[5]).get(s[h]).f64x2Mul().set(num[h]); });
    for (let d = 4; d >= 1; d--) both((h) => { f.get(num[h]).get(p[d]).f64x2Add().get(s[h]).f64x2Mul().set(num[h]); });
    both((h) => { f.get(num[h]).get(p[0]).f64x2Add().get(v[h]).f64x2Mul().set(num[h]); });
    // 1 + s·(Q1 + s·(Q2 + s·(Q3 + s·Q4)))
    both((h) => { f.get(q[3]).get(s[h]).f64x2Mul().set(den[h]); });
    for (let d = 2; d >= 0; d--) both((h) => { f.get(den[h]).get(q[d]).f64x2Add().get(s[h]).f64x2Mul().set(den[h]); });
    both((h) => { f.get(num[h]).get(den[h]).get(one).f64x2Add().f64x2Div().set(num[h]); });
    // saturated tails: exactly ±1 (NaN fails both tests and stays NaN)
    both((h) => {
      f.get(one).get(num[h]).get(v[h]).get(sat).f64x2Ge().v128Bitselect().set(num[h]);
      f.get(y);
      f.get(minusOne).get(num[h]).get(v[h]).get(minusSat).f64x2Le().v128Bitselect();
      f.f32x4DemoteF64x2Zero().v128Store64Lane0(offsets[h]);
    });
  }, (f) => {
    const constant = (c: number): number => { const l = f.local(v128); splat(f, c); f.set(l); return l; };
    const pair = (): number[] => [f.local(v128), f.local(v128)];
    v = pair(); s = pair(); num = pair(); den = pair();
    one = constant(1); minusOne = constant(-1);
    sat = constant(TANH_SATURATES); minusSat = constant(-TANH_SATURATES);
    p = TANH_P.map(constant); q = TANH_Q.map(constant);
  });
}

export function buildTanhGrad(): FuncBuilder {
  let y2 = 0;
  return streaming(3, 8, (f, [g, y, gx]) => {
    f.get(gx);
    loadPair(f, gx);
    loadPair(f, g);
    splat(f, 1);
    loadPair(f, y); f.set(y2);
    f.get(y2).get(y2).f64x2Mul().f64x2Sub().f64x2Mul().f64x2Add();
    f.f32x4DemoteF64x2Zero().v128Store64Lane0(0);
  }, (f) => { y2 = f.local(v128); });
}
