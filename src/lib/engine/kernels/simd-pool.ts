/**
 * Max pooling with winner indices as a WebAssembly SIMD function, four channels per instruction
 * (same result as maxPoolForward in pool.ts, the reference and fallback, which it must match bit
 * for bit). A TypeScript loop spends about 6 ns per input element here; pooling a feature map is
 * pure comparison and data movement, which is what SIMD lanes are for.
 *
 *   maxpool(x, y, arg, N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW)
 * byte addresses into the module's memory; C must be a multiple of 4. arg receives the flat
 * index into x of each window's winner (the first maximum in window order; a NaN wins and stays).
 *
 *   maxpoolGrad(dy, arg, dx, n)
 * the backward pass: dx[arg[i]] += dy[i] for i < n (byte addresses; arg as the forward wrote it).
 */
import { FuncBuilder, i32, v128 } from './wasm-builder';

export function buildMaxPool(): FuncBuilder {
  const f = new FuncBuilder(Array.from({ length: 15 }, () => i32));
  const [x, y, arg, N, H, W, C, KH, KW, sh, sw, pt, pl, OH, OW] = f.params.map((_, i) => i);
  const n = f.local(i32), oh = f.local(i32), ow = f.local(i32), h = f.local(i32), w = f.local(i32), c = f.local(i32);
  const h0 = f.local(i32), h1 = f.local(i32), w0 = f.local(i32), w1 = f.local(i32), t = f.local(i32);
  const yp = f.local(i32), ap = f.local(i32), cell = f.local(i32), base = f.local(i32), imgFloats = f.local(i32);
  const lanes = f.local(v128), v = f.local(v128), best = f.local(v128), take = f.local(v128);

  /**
   * The in-image cells [lo, hi) of one axis of a window, as pool.ts computes them: with
   * t = o·stride − pad, lo = max(0, t) and hi = min(size, t + K), each clamp a select.
   */
  const windowSpan = (o: number, stride: number, pad: number, K: number, size: number, lo: number, hi: number): void => {
    f.get(o).get(stride).i32Mul().get(pad).i32Sub().set(t);
    f.get(t).i32Const(0).get(t).i32Const(0).i32GeS().select().set(lo);
    f.get(t).get(K).i32Add().set(t);
    f.get(t).get(size).get(t).get(size).i32LeS().select().set(hi);
  };

  f.v128ConstI32([0, 1, 2, 3]).set(lanes);
  f.get(H).get(W).i32Mul().get(C).i32Mul().set(imgFloats);
  f.get(y).set(yp);
  f.get(arg).set(ap);
  f.i32Const(0).set(n);
  f.whileLoop(() => { f.get(n).get(N).i32LtS(); }, () => {
    f.get(n).get(imgFloats).i32Mul().set(base); // flat index of this image's first element
    f.i32Const(0).set(oh);
    f.whileLoop(() => { f.get(oh).get(OH).i32LtS(); }, () => {
      windowSpan(oh, sh, pt, KH, H, h0, h1);
      f.i32Const(0).set(ow);
      f.whileLoop(() => { f.get(ow).get(OW).i32LtS(); }, () => {
        windowSpan(ow, sw, pl, KW, W, w0, w1);
        // Initialise from the window's first cell, then compare every cell (the first again,
        // harmlessly: it never beats itself).
        f.get(base).get(h0).get(W).i32Mul().get(w0).i32Add().get(C).i32Mul().i32Add().set(cell);
        f.i32Const(0).set(c);
        f.whileLoop(() => { f.get(c).get(C).i32LtS(); }, () => {
          f.get(yp).get(c).i32Const(2).i32Shl().i32Add();
          f.get(x).get(cell).get(c).i32Add().i32Const(2).i32Shl().i32Add().v128Load(0);
          f.v128Store(0);
          f.get(ap).get(c).i32Const(2).i32Shl().i32Add();
          f.get(cell).get(c).i32Add().i32x4Splat().get(lanes).i32x4Add();
          f.v128Store(0);
          f.get(c).i32Const(4).i32Add().set(c);
        });
        f.get(h0).set(h);
        f.whileLoop(() => { f.get(h).get(h1).i32LtS(); }, () => {
          f.get(w0).set(w);
          f.whileLoop(() => { f.get(w).get(w1).i32LtS(); }, () => {
            f.get(base).get(h).get(W).i32Mul().get(w).i32Add().get(C).i32Mul().i32Add().set(cell);
            f.i32Const(0).set(c);
            f.whileLoop(() => { f.get(c).get(C).i32LtS(); }, () => {
              f.get(x).get(cell).get(c).i32Add().i32Const(2).i32Shl().i32Add().v128Load(0).set(v);
              f.get(yp).get(c).i32Const(2).i32Shl().i32Add().v128Load(0).set(best);
              // take = v > best, or v is NaN while best is not
              f.get(v).get(best).f32x4Gt();
              f.get(v).get(v).f32x4Ne().get(best).get(best).f32x4Eq().v128And();
              f.v128Or().set(take);
              f.get(yp).get(c).i32Const(2).i32Shl().i32Add();
              f.get(v).get(best).get(take).v128Bitselect();
              f.v128Store(0);
              f.get(ap).get(c).i32Const(2).i32Shl().i32Add();
              f.get(cell).get(c).i32Add().i32x4Splat().get(lanes).i32x4Add();
              f.get(ap).get(c).i32Const(2).i32Shl().i32Add().v128Load(0);
              f.get(take).v128Bitselect();
              f.v128Store(0);
              f.get(c).i32Const(4).i32Add().set(c);
            });
            f.get(w).i32Const(1).i32Add().set(w);
          });
          f.get(h).i32Const(1).i32Add().set(h);
        });
        f.get(yp).get(C).i32Const(2).i32Shl().i32Add().set(yp);
        f.get(ap).get(C).i32Const(2).i32Shl().i32Add().set(ap);
        f.get(ow).i32Const(1).i32Add().set(ow);
      });
      f.get(oh).i32Const(1).i32Add().set(oh);
    });
    f.get(n).i32Const(1).i32Add().set(n);
  });
  return f;
}

export function buildMaxPoolGrad(): FuncBuilder {
  const f = new FuncBuilder([i32, i32, i32, i32]);
  const [dy, arg, dx, n] = [0, 1, 2, 3];
  const end = f.local(i32), at = f.local(i32);
  f.get(dy).get(n).i32Const(2).i32Shl().i32Add().set(end);
  f.whileLoop(() => { f.get(dy).get(end).i32LtU(); }, () => {
    f.get(dx).get(arg).i32Load(0).i32Const(2).i32Shl().i32Add().tee(at);
    f.get(at).f32Load(0).get(dy).f32Load(0).f32Add().f32Store(0);
    f.get(dy).i32Const(4).i32Add().set(dy);
    f.get(arg).i32Const(4).i32Add().set(arg);
  });
  return f;
}
