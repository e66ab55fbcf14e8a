/**
 * 2-D convolution on NHWC tensors, with an optional bias per output channel:
 *   x [N, H, W, C] * w [KH, KW, C, CO] (+ bias [CO]) → [N, OH, OW, CO]
 * (TensorFlow's layout and filter order, so weights move between the two unchanged.)
 *
 *   forward   y = im2col(x) · w + bias                 one gemm for the whole batch
 *   backward  ∂x += col2im(∂y · wᵀ)   ∂w += im2col(x)ᵀ · ∂y   ∂bias += Σ ∂y
 * Gradients are computed only for inputs that require them (an image batch usually does not).
 * The arithmetic lives in kernels/conv2d.ts.
 */
import { convGeometry, type Padding } from '../kernels/conv-geometry';
import { conv2dBackward, conv2dForward } from '../kernels/conv2d';
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export type { Padding };

export interface Conv2dOptions {
  /** Step between windows, one number for both axes or [rows, columns] (default 1). */
  stride?: number | [number, number];
  /** 'same' (output ⌈H/stride⌉, TensorFlow's split), 'valid' (no padding, the default) or zeros per side. */
  padding?: Padding;
}

export function conv2d(tape: Tape, x: Tensor, w: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor {
  if (x.ndim !== 4 || w.ndim !== 4) {
    throw new Error(`conv2d: expects x [N,H,W,C] and w [KH,KW,C,CO], got [${x.shape}] and [${w.shape}]`);
  }
  const [N, H, W, C] = x.shape;
  const [KH, KW, C2, CO] = w.shape;
  if (C !== C2) throw new Error(`conv2d: x has ${C} channels but the filter expects ${C2}`);
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== CO)) {
    throw new Error(`conv2d: bias must have shape [${CO}], got [${bias.shape}]`);
  }
  const g = convGeometry(N, H, W, C, KH, KW, options.stride ?? 1, options.padding ?? 'valid');
  const out = tape.output([N, g.OH, g.OW, CO]);
  const X = x.data, Wt = w.data;
  conv2dForward(g, CO, X, Wt, bias ? bias.data : null, out.data);
  tape.record('conv2d', bias ? [x, w, bias] : [x, w], out, () => {
    conv2dBackward(
      g, CO, X, Wt, out.grad!,
      x.requiresGrad ? x.grad! : null,
      w.requiresGrad ? w.grad! : null,
      bias && bias.requiresGrad ? bias.grad! : null
    );
  });
  return out;
}
