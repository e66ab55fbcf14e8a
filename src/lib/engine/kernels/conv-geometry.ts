/**
 * The geometry of a 2-D convolution or pooling window over an NHWC tensor, computed once and
 * shared by im2col/col2im, the convolution and the pooling kernels.
 *
 * Layout choice: NHWC (channels last). With channels innermost, the KW·C inputs under one window
 * row are contiguous in memory, so im2col copies runs instead of single floats; and the whole
 * batch becomes one matrix product (N·OH·OW rows × KH·KW·C) whose result is already NHWC.
 * Filters are [KH, KW, C, CO] (TensorFlow's HWIO), which is that product's right-hand matrix.
 */
export interface ConvGeometry {
  N: number; H: number; W: number; C: number;
  KH: number; KW: number;
  strideH: number; strideW: number;
  /** Zero rows above / zero columns left of the input; the bottom/right padding follows from OH/OW. */
  padTop: number; padLeft: number;
  OH: number; OW: number;
}

/**
 * `same`: output size ceil(H / stride), zeros split as TensorFlow does (the extra one, if the total
 * is odd, goes bottom/right). `valid`: no padding, output floor((H − KH) / stride) + 1.
 * A number: that many zeros on every side.
 */
export type Padding = 'same' | 'valid' | number;

export function convGeometry(
  N: number, H: number, W: number, C: number,
  KH: number, KW: number,
  stride: number | [number, number] = 1,
  padding: Padding = 'valid'
): ConvGeometry {
  const [strideH, strideW] = typeof stride === 'number' ? [stride, stride] : stride;
  if (!(strideH >= 1 && strideW >= 1)) throw new Error(`stride must be ≥ 1, got ${strideH}×${strideW}`);
  let OH: number, OW: number, padTop: number, padLeft: number;
  if (padding === 'same') {
    OH = Math.ceil(H / strideH);
    OW = Math.ceil(W / strideW);
    padTop = Math.floor(Math.max(0, (OH - 1) * strideH + KH - H) / 2);
    padLeft = Math.floor(Math.max(0, (OW - 1) * strideW + KW - W) / 2);
  } else {
    const p = padding === 'valid' ? 0 : padding;
    if (!(Number.isInteger(p) && p >= 0)) throw new Error(`padding must be a non-negative integer, got ${p}`);
    OH = Math.floor((H + 2 * p - KH) / strideH) + 1;
    OW = Math.floor((W + 2 * p - KW) / strideW) + 1;
    padTop = p;
    padLeft = p;
  }
  if (OH < 1 || OW < 1) throw new Error(`window ${KH}×${KW} does not fit input ${H}×${W} with this padding`);
  return { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW };
}
