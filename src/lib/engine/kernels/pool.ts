import type { ConvGeometry } from './conv-geometry';
import { gemm } from './gemm';
import { simdKernels } from './workspace';

/**
 * Pooling on NHWC tensors (backward passes add into dx, the tape's rule): max pooling (remembering where each maximum came from, so the backward
 * pass routes the gradient to exactly that input), average pooling over windows, and global
 * average pooling over the whole image. Windows come from a ConvGeometry; padding cells are
 * skipped (never the max, not counted in an average), as in TensorFlow.
 */

/** Every window must hold at least one image cell, i.e. padding smaller than the window. */
function checkWindows(g: ConvGeometry): void {
  if (g.padTop >= g.KH || g.padLeft >= g.KW) {
    throw new Error(`pooling padding ${g.padTop}×${g.padLeft} must be smaller than the window ${g.KH}×${g.KW}`);
  }
}

/**
 * y[n,oh,ow,c] = max over the window; argmax gets the flat index into x of the chosen element
 * (the first one on ties, scanning kh then kw).
 */
export function maxPoolForward(g: ConvGeometry, x: Float32Array, y: Float32Array, argmax: Int32Array): void {
  checkWindows(g);
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  const fast = simdKernels();
  if (fast && C % 4 === 0) {
    // Same walk in WebAssembly, four channels at a time (simd-pool.ts): copy in, pool, copy out.
    const xOff = 0, yOff = x.length, argOff = yOff + y.length;
    const m = fast.reserve(argOff + argmax.length);
    m.set(x, xOff);
    fast.maxPool(g, xOff, yOff, argOff);
    y.set(m.subarray(yOff, yOff + y.length));
    argmax.set(new Int32Array(m.buffer, m.byteOffset + argOff * 4, argmax.length));
    return;
  }
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop), h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++, o += C) {
        const w0 = Math.max(0, ow * strideW - padLeft), w1 = Math.min(W, ow * strideW - padLeft + KW);
        // First cell of the window initialises every channel, later cells compare; channels
        // innermost keeps both reads and writes contiguous.
        const first = ((n * H + h0) * W + w0) * C;
        for (let c = 0; c < C; c++) { y[o + c] = x[first + c]; argmax[o + c] = first + c; }
        for (let h = h0; h < h1; h++) {
          for (let w = h === h0 ? w0 + 1 : w0; w < w1; w++) {
            const s = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) {
              const v = x[s + c];
              // A NaN displaces a number (and stays), so a diverged input shows up in the output.
              if (v > y[o + c] || (v !== v && y[o + c] === y[o + c])) { y[o + c] = v; argmax[o + c] = s + c; }
            }
          }
        }
      }
    }
  }
}

/** Adds each dy into dx at the input that won its window. */
export function maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void {
  const fast = simdKernels();
  if (fast && dy.length >= 1024) {
    // In WebAssembly (simd-pool.ts): a TypeScript scatter costs ~4 ns per element here, more than
    // copying dx in and out.
    const dxOff = 0, dyOff = dx.length, argOff = dyOff + dy.length;
    const m = fast.reserve(argOff + dy.length);
    m.set(dx, dxOff);
    m.set(dy, dyOff);
    new Int32Array(m.buffer, m.byteOffset + argOff * 4, dy.length).set(argmax.subarray(0, dy.length));
    fast.maxPoolGrad(dyOff, argOff, dxOff, dy.length);
    dx.set(m.subarray(dxOff, dxOff + dx.length));
    return;
  }
  for (let i = 0; i < dy.length; i++) dx[argmax[i]] += dy[i];
}

/** y = mean of each window's in-image cells. */
export function avgPoolForward(g: ConvGeometry, x: Float32Array, y: Float32Array): void {
  checkWindows(g);
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop), h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++, o += C) {
        const w0 = Math.max(0, ow * strideW - padLeft), w1 = Math.min(W, ow * strideW - padLeft + KW);
        const inv = 1 / ((h1 - h0) * (w1 - w0));
        for (let c = 0; c < C; c++) y[o + c] = 0;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const s = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) y[o + c] += x[s + c];
          }
        }
        for (let c = 0; c < C; c++) y[o + c] *= inv;
      }
    }
  }
}

// The window walk is written again in each pooling kernel on purpose: it holds the hot per-channel
// loops, and a shared walker calling back per window would add a call per C floats.
/** Adds into dx each window's dy, shared equally among the cells it averaged. */
export function avgPoolBackward(g: ConvGeometry, dy: Float32Array, dx: Float32Array): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop), h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++, o += C) {
        const w0 = Math.max(0, ow * strideW - padLeft), w1 = Math.min(W, ow * strideW - padLeft + KW);
        const inv = 1 / ((h1 - h0) * (w1 - w0));
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const s = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) dx[s + c] += dy[o + c] * inv;
          }
        }
      }
    }
  }
}

/**
 * Per image, global average pooling is a matrix product with a column of 1/(H·W): y_n = wᵀ·X_n
 * forward and dX_n += w·dy_n backward (X_n the image as HW rows of C). Through gemm that runs in
 * WebAssembly SIMD, about 5× faster than these loops at a CNN's last layer (8×8×64 per image).
 * Only when H·W is a power of two: scaling by 1/(H·W) is then exact, and the product gives the
 * very floats the loops give (trained weights do not change); small images stay in the loops.
 */
const GEMM_MIN = 1024;
const viaGemm = (HW: number, C: number): boolean => HW * C >= GEMM_MIN && (HW & (HW - 1)) === 0;
let averaging = new Float32Array(0);

/** HW copies of 1/HW (kept between calls: the same layer asks again every step). */
function averagingWeights(HW: number): Float32Array {
  if (averaging.length !== HW) averaging = new Float32Array(HW).fill(1 / HW);
  return averaging;
}

/** [N,H,W,C] → [N,C]: the mean over all pixels of each channel. */
export function globalAvgPoolForward(N: number, HW: number, C: number, x: Float32Array, y: Float32Array): void {
  if (viaGemm(HW, C)) {
    const w = averagingWeights(HW);
    for (let n = 0; n < N; n++) gemm(w, 0, x, n * HW * C, y, n * C, 1, C, HW, true);
    return;
  }
  const inv = 1 / HW;
  for (let n = 0; n < N; n++) {
    const o = n * C;
    for (let c = 0; c < C; c++) y[o + c] = 0;
    for (let p = 0, s = n * HW * C; p < HW; p++, s += C) for (let c = 0; c < C; c++) y[o + c] += x[s + c];
    for (let c = 0; c < C; c++) y[o + c] *= inv;
  }
}

/** Adds dy / (H·W) into dx at every pixel. */
export function globalAvgPoolBackward(N: number, HW: number, C: number, dy: Float32Array, dx: Float32Array): void {
  if (viaGemm(HW, C)) {
    const w = averagingWeights(HW);
    for (let n = 0; n < N; n++) gemm(w, 0, dy, n * C, dx, n * HW * C, HW, C, 1, false, false, true);
    return;
  }
  const inv = 1 / HW;
  for (let n = 0; n < N; n++) {
    const o = n * C;
    for (let p = 0, d = n * HW * C; p < HW; p++, d += C) for (let c = 0; c < C; c++) dx[d + c] += dy[o + c] * inv;
  }
}
