/**
 * Pooling on NHWC tensors: max pooling (the gradient goes to the element that won each window),
 * average pooling, and global average pooling [N, H, W, C] → [N, C]. The loops live in
 * kernels/pool.ts.
 */
import { convGeometry, type Padding } from '../kernels/conv-geometry';
import {
  avgPoolBackward, avgPoolForward, globalAvgPoolBackward, globalAvgPoolForward, maxPoolBackward, maxPoolForward
} from '../kernels/pool';
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export interface Pool2dOptions {
  /** Window size, one number or [rows, columns] (default 2). */
  size?: number | [number, number];
  /** Step between windows (default: the window size, i.e. non-overlapping). */
  stride?: number | [number, number];
  /** 'valid' (default), 'same', or zeros per side (smaller than the window). Padding never wins a max or counts in an average. */
  padding?: Padding;
}

function geometry(op: string, x: Tensor, options: Pool2dOptions) {
  if (x.ndim !== 4) throw new Error(`${op}: expects x [N,H,W,C], got [${x.shape}]`);
  const [N, H, W, C] = x.shape;
  const size = options.size ?? 2;
  const [KH, KW] = typeof size === 'number' ? [size, size] : size;
  return convGeometry(N, H, W, C, KH, KW, options.stride ?? [KH, KW], options.padding ?? 'valid');
}

export function maxPool2d(tape: Tape, x: Tensor, options: Pool2dOptions = {}): Tensor {
  const g = geometry('maxPool2d', x, options);
  const out = tape.output([g.N, g.OH, g.OW, g.C]);
  // Where each window's maximum came from: the tape's integer scratch, kept across steps.
  const arg = tape.scratchIndices(out.size);
  maxPoolForward(g, x.data, out.data, arg);
  tape.record('maxPool2d', [x], out, () => maxPoolBackward(out.grad!, arg, x.grad!));
  return out;
}

export function avgPool2d(tape: Tape, x: Tensor, options: Pool2dOptions = {}): Tensor {
  const g = geometry('avgPool2d', x, options);
  const out = tape.output([g.N, g.OH, g.OW, g.C]);
  avgPoolForward(g, x.data, out.data);
  tape.record('avgPool2d', [x], out, () => avgPoolBackward(g, out.grad!, x.grad!));
  return out;
}

/** The mean over all pixels of each channel: [N, H, W, C] → [N, C]. */
export function globalAvgPool(tape: Tape, x: Tensor): Tensor {
  if (x.ndim !== 4) throw new Error(`globalAvgPool: expects x [N,H,W,C], got [${x.shape}]`);
  const [N, H, W, C] = x.shape;
  const out = tape.output([N, C]);
  globalAvgPoolForward(N, H * W, C, x.data, out.data);
  tape.record('globalAvgPool', [x], out, () => globalAvgPoolBackward(N, H * W, C, out.grad!, x.grad!));
  return out;
}
