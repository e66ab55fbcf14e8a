/**
 * im2col and col2im as WebAssembly functions (same traversal and layout as im2col.ts, which is
 * the readable reference and the fallback).
 *
 * Why: both are pure data movement, and a TypeScript Float32Array loop moves about one float
 * per 1.5 ns here (each element is widened to a double, bounds-checked and narrowed back), which
 * made im2col/col2im cost as much as the convolution's arithmetic. Here a window row (KW·C
 * contiguous floats) moves 4 floats per v128 instruction.
 *
 * Both take byte addresses into the module's memory:
 *   im2col(x, col, ld, N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW)
 *     writes row p of the window matrix at col + p·ld (ld in bytes), zeros for padding taps;
 *   col2im(col, dx, ld, N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW)
 *     adds every entry back onto dx, skipping padding taps.
 */
import { FuncBuilder, i32, v128 } from './wasm-builder';

type RunOp = 'copy' | 'add';

/** How a run moves: four floats per v128 instruction, or one float per f32 instruction. */
interface Lane {
  bytes: number;
  load(f: FuncBuilder): void;
  add(f: FuncBuilder): void;
  store(f: FuncBuilder): void;
}
const VECTOR: Lane = { bytes: 16, load: (f) => f.v128Load(0), add: (f) => f.f32x4Add(), store: (f) => f.v128Store(0) };
const SCALAR: Lane = { bytes: 4, load: (f) => f.f32Load(0), add: (f) => f.f32Add(), store: (f) => f.f32Store(0) };

/**
 * Emits code that walks every window and, for each run of in-image floats, copies it from x to
 * the window row ('copy', zeros for padding) or adds the window row onto dx ('add').
 */
function buildWindowWalk(op: RunOp): FuncBuilder {
  const f = new FuncBuilder(Array.from({ length: 15 }, () => i32));
  // For 'copy' the first two params are (x, col), for 'add' (col, dx): name them by role.
  const [first, second, ld, N, H, W, C, KH, KW, sh, sw, pt, pl, OH, OW] = f.params.map((_, i) => i);
  const image = op === 'copy' ? first : second; // x or dx: the NHWC tensor
  const windows = op === 'copy' ? second : first; // col: the window matrix
  const n = f.local(i32), oh = f.local(i32), ow = f.local(i32), kh = f.local(i32), kw = f.local(i32);
  const ih = f.local(i32), iw0 = f.local(i32), inside = f.local(i32);
  const row = f.local(i32), q = f.local(i32), img = f.local(i32), src = f.local(i32);
  const cBytes = f.local(i32), runBytes = f.local(i32), rowBytes = f.local(i32), imgBytes = f.local(i32);
  const d = f.local(i32), s = f.local(i32), end = f.local(i32), zero = f.local(v128);

  /**
   * The run of `bytes` (a local) floats between window position `winAddr` and image position
   * `imgAddr` (emitters that push an address): copied one way or added the other.
   */
  const run = (winAddr: () => void, imgAddr: () => void, bytes: number): void => {
    // d walks the destination, s the source
    if (op === 'copy') { imgAddr(); f.set(s); winAddr(); f.set(d); } else { winAddr(); f.set(s); imgAddr(); f.set(d); }
    // whole v128 chunks, then single floats
    f.get(d).get(bytes).i32Const(-16).i32And().i32Add().set(end);
    moveUntilEnd(VECTOR);
    f.get(end).get(bytes).i32Const(15).i32And().i32Add().set(end);
    moveUntilEnd(SCALAR);
  };
  /** Emits the loop that copies or adds, `lane.bytes` at a time, from s to d until d reaches end. */
  const moveUntilEnd = (lane: Lane): void => {
    f.whileLoop(() => { f.get(d).get(end).i32LtU(); }, () => {
      f.get(d);
      if (op === 'copy') lane.load(f.get(s));
      else {
        lane.load(f.get(d));
        lane.load(f.get(s));
        lane.add(f);
      }
      lane.store(f);
      f.get(d).i32Const(lane.bytes).i32Add().set(d);
      f.get(s).i32Const(lane.bytes).i32Add().set(s);
    });
  };

  /** Zeros `bytes` bytes of the window row at `addr` (padding taps; im2col only). */
  const zeros = (addr: () => void, bytes: number): void => {
    if (op !== 'copy') return;
    addr(); f.set(d);
    f.get(d).get(bytes).i32Const(-16).i32And().i32Add().set(end);
    f.whileLoop(() => { f.get(d).get(end).i32LtU(); }, () => {
      f.get(d).get(zero).v128Store(0);
      f.get(d).i32Const(16).i32Add().set(d);
    });
    f.get(end).get(bytes).i32Const(15).i32And().i32Add().set(end);
    f.whileLoop(() => { f.get(d).get(end).i32LtU(); }, () => {
      f.get(d).f32Const(0).f32Store(0);
      f.get(d).i32Const(4).i32Add().set(d);
    });
  };

  f.v128Zero().set(zero);
  f.get(C).i32Const(2).i32Shl().set(cBytes);
  f.get(KW).get(cBytes).i32Mul().set(runBytes);
  f.get(W).get(cBytes).i32Mul().set(rowBytes);
  f.get(H).get(rowBytes).i32Mul().set(imgBytes);
  f.get(windows).set(row);
  f.get(image).set(img);
  f.i32Const(0).set(n);
  f.whileLoop(() => { f.get(n).get(N).i32LtS(); }, () => {
    f.i32Const(0).set(oh);
    f.whileLoop(() => { f.get(oh).get(OH).i32LtS(); }, () => {
      f.i32Const(0).set(ow);
      f.whileLoop(() => { f.get(ow).get(OW).i32LtS(); }, () => {
        f.get(row).set(q);
        f.get(ow).get(sw).i32Mul().get(pl).i32Sub().set(iw0);
        // inside = iw0 >= 0 && iw0 + KW <= W: the whole window row lies in the image
        f.get(iw0).i32Const(0).i32GeS().get(iw0).get(KW).i32Add().get(W).i32LeS().i32And().set(inside);
        f.i32Const(0).set(kh);
        f.whileLoop(() => { f.get(kh).get(KH).i32LtS(); }, () => {
          f.get(oh).get(sh).i32Mul().get(pt).i32Sub().get(kh).i32Add().set(ih);
          f.get(ih).get(H).i32LtU(); // unsigned: a negative row is out of range too
          f.if_();
          {
            // src = image + ih·rowBytes + iw0·cBytes (before the row start when iw0 < 0; only
            // dereferenced for in-image taps)
            f.get(img).get(ih).get(rowBytes).i32Mul().i32Add().get(iw0).get(cBytes).i32Mul().i32Add().set(src);
            f.get(inside).if_();
            run(() => f.get(q), () => f.get(src), runBytes);
            f.else_();
            f.i32Const(0).set(kw);
            f.whileLoop(() => { f.get(kw).get(KW).i32LtS(); }, () => {
              const tapWin = (): void => { f.get(q).get(kw).get(cBytes).i32Mul().i32Add(); };
              const tapImg = (): void => { f.get(src).get(kw).get(cBytes).i32Mul().i32Add(); };
              f.get(iw0).get(kw).i32Add().get(W).i32LtU().if_();
              run(tapWin, tapImg, cBytes);
              if (op === 'copy') { f.else_(); zeros(tapWin, cBytes); }
              f.end();
              f.get(kw).i32Const(1).i32Add().set(kw);
            });
            f.end();
          }
          if (op === 'copy') { f.else_(); zeros(() => f.get(q), runBytes); }
          f.end();
          f.get(q).get(runBytes).i32Add().set(q);
          f.get(kh).i32Const(1).i32Add().set(kh);
        });
        f.get(row).get(ld).i32Add().set(row);
        f.get(ow).i32Const(1).i32Add().set(ow);
      });
      f.get(oh).i32Const(1).i32Add().set(oh);
    });
    f.get(img).get(imgBytes).i32Add().set(img);
    f.get(n).i32Const(1).i32Add().set(n);
  });
  return f;
}

export const buildIm2col = (): FuncBuilder => buildWindowWalk('copy');
export const buildCol2im = (): FuncBuilder => buildWindowWalk('add');
