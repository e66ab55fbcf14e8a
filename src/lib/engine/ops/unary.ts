/**
 * The frame every one-input elementwise op shares: allocate the output, run the op's forward loop,
 * and record its backward loop. Each op passes its own two loops as functions over whole arrays:
 * they are called once per op, not once per element, so each loop stays a small monomorphic
 * function that V8 optimises on its own.
 */
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

/** Fills O from A (same length). */
export type UnaryForward = (A: Float32Array, O: Float32Array) => void;
/** Adds into GA the gradient for output gradient G, given the forward's input A and output O. */
export type UnaryBackward = (G: Float32Array, GA: Float32Array, A: Float32Array, O: Float32Array) => void;

export function unary(tape: Tape, op: string, x: Tensor, forward: UnaryForward, backward: UnaryBackward): Tensor {
  const out = tape.output(x.shape);
  const A = x.data, O = out.data;
  forward(A, O);
  tape.record(op, [x], out, () => backward(out.grad!, x.grad!, A, O));
  return out;
}
