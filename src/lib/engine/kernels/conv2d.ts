import type { ConvGeometry } from './conv-geometry';
import { WS_COLS, WS_ROWS, workspace } from './workspace';

/**
 * 2-D convolution (cross-correlation, as in every DL framework) on NHWC tensors, as one matrix
 * product per pass over the whole batch:
 *   forward      Y[P×CO]  = [col | 1][P×(Kc+1)] · [Wf ; bias][(Kc+1)×CO]   P = N·OH·OW, Kc = KH·KW·C
 *   input grad   dcol     = dY · Wfᵀ, then col2im → dX
 *   weight grad  [dWf ; dbias] = [col | 1]ᵀ · dY
 * x: [N,H,W,C], w: [KH,KW,C,CO], y/dy: [N,OH,OW,CO].
 *
 * The bias rides along as an extra column of ones in the window matrix, so adding it and summing
 * its gradient cost one more k in products that are there anyway, instead of separate passes.
 * Everything runs in the workspace (WebAssembly memory when available): tensors go in and out
 * with memcpy (TypedArray.set), the window matrix is built there by im2col and never copied. It
 * is rebuilt in the backward pass rather than kept: that costs one more im2col but saves holding
 * N·OH·OW·Kc floats per layer between the passes.
 *
 * Rows past P and columns past CO/Kc exist only to fill the SIMD micro-tile; they are computed
 * from in-bounds data and discarded, never summed into real outputs (only K must be exact).
 */

const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

/** The shapes of one convolution's products. */
function plan(g: ConvGeometry, CO: number, withBias: boolean) {
  const P = g.N * g.OH * g.OW;
  const Kc = g.KH * g.KW * g.C;
  const Ka = Kc + (withBias ? 1 : 0); // window-matrix width, ones column included
  return { P, Kc, Ka, P4: roundUp(P, WS_ROWS), COp: roundUp(CO, WS_COLS), X: g.N * g.H * g.W * g.C };
}

/** Builds [col | 1] (row stride Ka) at colOff from the input at xOff; pads rows P..P4 with zeros. */
function windows(g: ConvGeometry, m: Float32Array, xOff: number, colOff: number, Kc: number, Ka: number, P: number, P4: number): void {
  workspace().im2col(g, xOff, colOff, Ka);
  if (Ka > Kc) for (let p = 0, o = colOff + Kc; p < P; p++, o += Ka) m[o] = 1;
  m.fill(0, colOff + P * Ka, colOff + P4 * Ka);
}

export function conv2dForward(
  g: ConvGeometry, CO: number,
  x: Float32Array, w: Float32Array, bias: Float32Array | null, y: Float32Array
): void {
  const { P, Kc, Ka, P4, COp, X } = plan(g, CO, bias !== null);
  const ws = workspace();
  const xOff = 0;
  const colOff = xOff + X;
  const wOff = colOff + P4 * Ka;
  const yOff = wOff + Ka * COp;
  const m = ws.reserve(yOff + P4 * COp);
  m.set(x, xOff);
  windows(g, m, xOff, colOff, Kc, Ka, P, P4);
  copyRows(w, 0, CO, m, wOff, COp, Kc, CO);
  if (bias) copyRows(bias, 0, CO, m, wOff + Kc * COp, COp, 1, CO);
  ws.gemm(colOff, Ka, 1, wOff, COp, yOff, COp, P4, COp, Ka, false);
  copyRows(m, yOff, COp, y, 0, CO, P, CO);
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
  if (!dx && !dw && !dbias) return;
  const { P, Kc, P4, COp, X } = plan(g, CO, false);
  const ws = workspace();
  // dY with rows padded to COp floats and P4 rows (the extra ones zero).
  const dyOff = 0;
  let next = dyOff + P4 * COp;
  let m = ws.reserve(next);
  copyRows(dy, 0, CO, m, dyOff, COp, P, CO);
  m.fill(0, dyOff + P * COp, next);

  if (dx) {
    const Kc8 = roundUp(Kc, WS_COLS);
    const wtOff = next;
    const dcolOff = wtOff + CO * Kc8;
    const dxOff = dcolOff + P4 * Kc8;
    next = dxOff + X;
    m = ws.reserve(next);
    // Wfᵀ as CO rows of Kc8 floats
    for (let o = 0; o < CO; o++) {
      const r = wtOff + o * Kc8;
      for (let k = 0; k < Kc; k++) m[r + k] = w[k * CO + o];
      for (let k = Kc; k < Kc8; k++) m[r + k] = 0;
    }
    ws.gemm(dyOff, COp, 1, wtOff, Kc8, dcolOff, Kc8, P4, Kc8, CO, false);
    m = ws.reserve(next);
    m.set(dx, dxOff); // col2im adds onto the gradient already there
    ws.col2im(g, dcolOff, Kc8, dxOff);
    dx.set(m.subarray(dxOff, dxOff + X));
  }

  if (dw || dbias) {
    const Ka = Kc + 1; // [col | 1]: the last row of the product is Σ dY, the bias gradient
    const Ka4 = roundUp(Ka, WS_ROWS);
    const xOff = next;
    const colOff = xOff + X;
    // [col | 1]ᵀ is read with row index up to Ka4 − 1: up to 3 floats past the last row, so slack.
    const dwOff = colOff + P4 * Ka + WS_ROWS;
    m = ws.reserve(dwOff + Ka4 * COp);
    m.set(x, xOff);
    windows(g, m, xOff, colOff, Kc, Ka, P, P4);
    m.fill(0, colOff + P4 * Ka, dwOff);
    ws.gemm(colOff, 1, Ka, dyOff, COp, dwOff, COp, Ka4, COp, P, false);
    if (dw) {
      for (let k = 0; k < Kc; k++) {
        const s = dwOff + k * COp, d = k * CO;
        for (let o = 0; o < CO; o++) dw[d + o] += m[s + o];
      }
    }
    if (dbias) for (let o = 0, s = dwOff + Kc * COp; o < CO; o++) dbias[o] += m[s + o];
  }
}

/** Copies `rows` rows of `width` floats between arrays with different row strides, zero-filling dst's extra columns. */
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
