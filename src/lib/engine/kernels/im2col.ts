import type { ConvGeometry } from './conv-geometry';

/**
 * im2col: unrolls every KH×KW×C input window of an NHWC tensor into one row of a matrix, so that a
 * convolution becomes a single matrix product with the [KH·KW·C, CO] filter matrix.
 *
 * Row p = (n·OH + oh)·OW + ow, column (kh·KW + kw)·C + c, stored at col[colOff + p·ld + column];
 * windows reaching into the padding read zeros. `ld` ≥ KH·KW·C lets the caller pad rows.
 * x starts at x[xOff]. This is the reference version; simd-im2col.ts is the same walk in
 * WebAssembly, used when available.
 *
 * Because channels are innermost, one window row (KW pixels × C channels) is a contiguous run of
 * the input whenever it lies fully inside the image, so the inner loop is a straight copy.
 */
export function im2col(g: ConvGeometry, x: Float32Array, xOff: number, col: Float32Array, colOff: number, ld: number): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  const run = KW * C;
  let row = colOff;
  for (let n = 0; n < N; n++) {
    const xn = xOff + n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < OW; ow++, row += ld) {
        const iw0 = ow * strideW - padLeft;
        const inside = iw0 >= 0 && iw0 + KW <= W;
        let q = row;
        for (let kh = 0; kh < KH; kh++, q += run) {
          const ih = ih0 + kh;
          if (ih < 0 || ih >= H) {
            col.fill(0, q, q + run);
            continue;
          }
          const src = xn + (ih * W + iw0) * C;
          if (inside) {
            for (let t = 0; t < run; t++) col[q + t] = x[src + t];
          } else {
            for (let kw = 0; kw < KW; kw++) {
              const iw = iw0 + kw;
              const o = q + kw * C;
              if (iw < 0 || iw >= W) for (let c = 0; c < C; c++) col[o + c] = 0;
              else for (let c = 0, s = src + kw * C; c < C; c++) col[o + c] = x[s + c];
            }
          }
        }
      }
    }
  }
}

// col2im repeats im2col's window walk on purpose: the walk holds the hot copy loops, and a shared
// walker calling back per window row would add a call per KW·C floats (often just 3).
/**
 * col2im: the adjoint of im2col. Adds every entry of a window matrix back onto the input pixel it
 * was copied from (overlapping windows sum), and drops entries that came from the padding.
 * dx (from dx[dxOff]) is accumulated into, not overwritten.
 */
export function col2im(g: ConvGeometry, col: Float32Array, colOff: number, ld: number, dx: Float32Array, dxOff: number): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  const run = KW * C;
  let row = colOff;
  for (let n = 0; n < N; n++) {
    const xn = dxOff + n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < OW; ow++, row += ld) {
        const iw0 = ow * strideW - padLeft;
        const inside = iw0 >= 0 && iw0 + KW <= W;
        let q = row;
        for (let kh = 0; kh < KH; kh++, q += run) {
          const ih = ih0 + kh;
          if (ih < 0 || ih >= H) continue;
          const dst = xn + (ih * W + iw0) * C;
          if (inside) {
            for (let t = 0; t < run; t++) dx[dst + t] += col[q + t];
          } else {
            for (let kw = 0; kw < KW; kw++) {
              const iw = iw0 + kw;
              if (iw < 0 || iw >= W) continue;
              for (let c = 0, o = q + kw * C, d = dst + kw * C; c < C; c++) dx[d + c] += col[o + c];
            }
          }
        }
      }
    }
  }
}
