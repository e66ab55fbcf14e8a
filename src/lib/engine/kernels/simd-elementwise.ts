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
 *   tanh(x, y, bytes)          y = tanhf(x)                      bytes % 8 == 0
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
  // The constants live in locals, set once: a splat inside the loop is rebuilt every iteration.
  let v = 0, s = 0, one = 0, minusOne = 0, sat = 0, minusSat = 0;
  let p: number[] = [], q: number[] = [];
  return streaming(2, 8, (f, [x, y]) => {
    loadPair(f, x); f.set(v);
    f.get(v).get(v).f64x2Mul().set(s);
    f.get(y);
    // x · (P0 + s·(P1 + s·(P2 + s·(P3 + s·(P4 + s·P5))))), innermost first, as fastmath.ts
    f.get(p[5]).get(s).f64x2Mul();
    for (let d = 4; d >= 1; d--) f.get(p[d]).f64x2Add().get(s).f64x2Mul();
    f.get(p[0]).f64x2Add().get(v).f64x2Mul();
    // 1 + s·(Q1 + s·(Q2 + s·(Q3 + s·Q4)))
    f.get(q[3]).get(s).f64x2Mul();
    for (let d = 2; d >= 0; d--) f.get(q[d]).f64x2Add().get(s).f64x2Mul();
    f.get(one).f64x2Add().f64x2Div();
    // saturated tails: exactly ±1 (NaN fails both tests and stays NaN)
    f.set(s);
    f.get(one).get(s).get(v).get(sat).f64x2Ge().v128Bitselect().set(s);
    f.get(minusOne).get(s).get(v).get(minusSat).f64x2Le().v128Bitselect();
    f.f32x4DemoteF64x2Zero().v128Store64Lane0(0);
  }, (f) => {
    const constant = (c: number): number => { const l = f.local(v128); splat(f, c); f.set(l); return l; };
    v = f.local(v128); s = f.local(v128);
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
