import type { ConvGeometry } from './conv-geometry';
import { WS_COLS, WS_ROWS, workspace } from './gemm';
import { col2im, im2col } from './im2col';

/**
 * 2-D convolution (cross-correlation, as in every DL framework) on NHWC tensors as one matrix
 * product per pass over the whole batch:
 *   forward      Y[P×CO]  = col[P×Kc] · Wf[Kc×CO] (+ bias)        P = N·OH·OW, Kc = KH·KW·C
 *   input grad   dcol     = dY · Wfᵀ, then col2im → dX
 *   weight grad  dWf      = colᵀ · dY
 * x: [N,H,W,C], w: [KH,KW,C,CO], y/dy: [N,OH,OW,CO].
 *
 * The window matrix is built directly in the gemm workspace (the SIMD kernel's memory), so the
 * largest operand is never copied. It is rebuilt in the backward pass rather than kept: that costs
 * one more im2col but saves holding N·OH·OW·Kc floats per layer between the passes.
 *
 * Rows past P and columns past CO/Kc exist only to fill the SIMD micro-tile; they are computed
 * from in-bounds data and discarded, never summed into real outputs (only K must be exact).
 */

const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

export function conv2dForward(
  g: ConvGeometry, CO: number,
  x: Float32Array, w: Float32Array, bias: Float32Array | null, y: Float32Array
): void {
  const P = g.N * g.OH * g.OW;
  const Kc = g.KH * g.KW * g.C;
  const P4 = roundUp(P, WS_ROWS);
  const COp = roundUp(CO, WS_COLS);
  const ws = workspace();
  const colOff = 0;
  const wOff = colOff + P4 * Kc;
  const yOff = wOff + Kc * COp;
  const m = ws.reserve(yOff + P4 * COp);
  im2col(g, x, m, colOff, Kc);
  m.fill(0, colOff + P * Kc, wOff); // padding rows: zeros keep the discarded outputs finite
  copyRows(w, 0, CO, m, wOff, COp, Kc, CO);
  ws.gemm(colOff, Kc, 1, wOff, COp, yOff, COp, P4, COp, Kc, false);
  if (bias) {
    for (let p = 0; p < P; p++) {
      const s = yOff + p * COp, d = p * CO;
      for (let o = 0; o < CO; o++) y[d + o] = m[s + o] + bias[o];
    }
  } else {
    copyRows(m, yOff, COp, y, 0, CO, P, CO);
  }
}

/**
 * Gradients of conv2dForward given dy, ADDED into dx, dw and dbias (the tape's rule: a tensor
 * feeding several ops sums their contributions). Each is computed only if an array is passed.
 */
export function conv2dBackward(
  g: ConvGeometry, CO: number,
  x: Float32Array, w: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dw: Float32Array | null, dbias: Float32Array | null
): void {
  const P = g.N * g.OH * g.OW;
  const Kc = g.KH * g.KW * g.C;
  const P4 = roundUp(P, WS_ROWS);
  const COp = roundUp(CO, WS_COLS);
  if (dbias) {
    for (let p = 0; p < P; p++) for (let o = 0, s = p * CO; o < CO; o++) dbias[o] += dy[s + o];
  }
  if (!dx && !dw) return;
  const ws = workspace();
  const dyOff = 0;
  const after = dyOff + P4 * COp;
  // dY with rows padded to COp (and P4 rows, the extra ones zero).
  let m = ws.reserve(after);
  copyRows(dy, 0, CO, m, dyOff, COp, P, CO);
  m.fill(0, dyOff + P * COp, after);

  if (dx) {
    const Kc8 = roundUp(Kc, WS_COLS);
    const wtOff = after;
    const dcolOff = wtOff + CO * Kc8;
    m = ws.reserve(dcolOff + P4 * Kc8);
    // Wfᵀ as CO rows of Kc8 floats
    for (let o = 0; o < CO; o++) {
      const r = wtOff + o * Kc8;
      for (let k = 0; k < Kc; k++) m[r + k] = w[k * CO + o];
      for (let k = Kc; k < Kc8; k++) m[r + k] = 0;
    }
    ws.gemm(dyOff, COp, 1, wtOff, Kc8, dcolOff, Kc8, P4, Kc8, CO, false);
    col2im(g, m, dcolOff, Kc8, dx);
  }

  if (dw) {
    const Kc4 = roundUp(Kc, WS_ROWS);
    const colOff = after;
    // colᵀ is read with row index up to Kc4 − 1, i.e. up to 3 floats past the last row: keep slack.
    const dwOff = colOff + P * Kc + WS_ROWS;
    m = ws.reserve(dwOff + Kc4 * COp);
    im2col(g, x, m, colOff, Kc);
    m.fill(0, colOff + P * Kc, dwOff);
    ws.gemm(colOff, 1, Kc, dyOff, COp, dwOff, COp, Kc4, COp, P, false);
    for (let k = 0; k < Kc; k++) {
      const s = dwOff + k * COp, d = k * CO;
      for (let o = 0; o < CO; o++) dw[d + o] += m[s + o];
    }
  }
}

/** Copies `rows` rows of `width` floats between arrays with different row strides. */
function copyRows(
  src: Float32Array, sOff: number, sLd: number,
  dst: Float32Array, dOff: number, dLd: number,
  rows: number, width: number
): void {
  if (sLd === width && dLd === width) {
    dst.set(src.subarray(sOff, sOff + rows * width), dOff);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const s = sOff + r * sLd, d = dOff + r * dLd;
    for (let c = 0; c < width; c++) dst[d + c] = src[s + c];
    for (let c = width; c < dLd; c++) dst[d + c] = 0;
  }
}
