/**
 * Elementwise arithmetic: add, sub, mul, div, pow with NumPy broadcasting (either operand may be a
 * plain number), and the unary neg, exp, log, sqrt.
 *
 * Binary ops share one loop shape (see broadcast.ts): for each run r, walk `inner` elements with
 * fixed steps. The backward sweep walks the same plan and accumulates, which sums gradients over
 * broadcast dimensions for free.
 */
import { broadcastPlan, type BroadcastPlan } from '../broadcast';
import type { Tape } from '../tape';
import { Tensor, scalar } from '../tensor';
import { unary } from './unary';

/** An operand of a binary op: a tensor, or a number used as a constant scalar. */
export type Operand = Tensor | number;

function asTensor(x: Operand): Tensor {
  return typeof x === 'number' ? scalar(x) : x;
}

/** A binary op's set-up: both operands as tensors, their broadcast plan, and the output for it. */
function binary(tape: Tape, a: Operand, b: Operand): { x: Tensor; y: Tensor; p: BroadcastPlan; out: Tensor } {
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  return { x, y, p, out: tape.output(p.shape) };
}

/**
 * grad[offset] += sign·G over the plan, for an operand that enters the output as ±itself (add, sub):
 * walking one side's offsets sums G over the dimensions that side was broadcast along.
 */
function sumGradInto(p: BroadcastPlan, offsets: Int32Array, step: number, G: Float32Array, grad: Float32Array, sign: number): void {
  const n = p.inner;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = offsets[r]; k < n; k++, o++, i += step) grad[i] += sign * G[o];
  }
}

// Each op writes its own forward and backward loops on purpose: a shared loop taking the
// arithmetic as a callback would call a different closure per element and stop V8 inlining it.

export function add(tape: Tape, a: Operand, b: Operand): Tensor {
  const { x, y, p, out } = binary(tape, a, b);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] + B[j];
  }
  tape.record('add', [x, y], out, () => {
    const G = out.grad!;
    if (x.requiresGrad) sumGradInto(p, p.aOff, sa, G, x.grad!, 1);
    if (y.requiresGrad) sumGradInto(p, p.bOff, sb, G, y.grad!, 1);
  });
  return out;
}

export function sub(tape: Tape, a: Operand, b: Operand): Tensor {
  const { x, y, p, out } = binary(tape, a, b);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] - B[j];
  }
  tape.record('sub', [x, y], out, () => {
    const G = out.grad!;
    if (x.requiresGrad) sumGradInto(p, p.aOff, sa, G, x.grad!, 1);
    if (y.requiresGrad) sumGradInto(p, p.bOff, sb, G, y.grad!, -1);
  });
  return out;
}

export function mul(tape: Tape, a: Operand, b: Operand): Tensor {
  const { x, y, p, out } = binary(tape, a, b);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] * B[j];
  }
  tape.record('mul', [x, y], out, () => {
    const G = out.grad!;
    // ∂(ab)/∂a = b, ∂(ab)/∂b = a
    if (x.requiresGrad) {
      const GA = x.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) GA[i] += G[o] * B[j];
      }
    }
    if (y.requiresGrad) {
      const GB = y.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) GB[j] += G[o] * A[i];
      }
    }
  });
  return out;
}

export function div(tape: Tape, a: Operand, b: Operand): Tensor {
  const { x, y, p, out } = binary(tape, a, b);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] / B[j];
  }
  tape.record('div', [x, y], out, () => {
    const G = out.grad!;
    // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b² = -(a/b)/b
    if (x.requiresGrad) {
      const GA = x.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) GA[i] += G[o] / B[j];
      }
    }
    if (y.requiresGrad) {
      const GB = y.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, j = p.bOff[r]; k < n; k++, o++, j += sb) GB[j] -= (G[o] * O[o]) / B[j];
      }
    }
  });
  return out;
}

/**
 * a ** b, elementwise with broadcasting. The gradient with respect to the exponent, a^b·ln a, is
 * taken as 0 where a ≤ 0 (ln is undefined there), as TensorFlow does.
 */
export function pow(tape: Tape, a: Operand, b: Operand): Tensor {
  const { x, y, p, out } = binary(tape, a, b);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = Math.pow(A[i], B[j]);
  }
  tape.record('pow', [x, y], out, () => {
    const G = out.grad!;
    if (x.requiresGrad) {
      // ∂(a^b)/∂a = b·a^(b-1)
      const GA = x.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) {
          GA[i] += G[o] * B[j] * Math.pow(A[i], B[j] - 1);
        }
      }
    }
    if (y.requiresGrad) {
      const GB = y.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) {
          if (A[i] > 0) GB[j] += G[o] * O[o] * Math.log(A[i]);
        }
      }
    }
  });
  return out;
}

export function neg(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'neg', x,
    (A, O) => { for (let i = 0; i < O.length; i++) O[i] = -A[i]; },
    (G, GA) => { for (let i = 0; i < G.length; i++) GA[i] -= G[i]; });
}

export function exp(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'exp', x,
    (A, O) => { for (let i = 0; i < O.length; i++) O[i] = Math.exp(A[i]); },
    // ∂e^a/∂a = e^a, which is the output
    (G, GA, _A, O) => { for (let i = 0; i < G.length; i++) GA[i] += G[i] * O[i]; });
}

export function log(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'log', x,
    (A, O) => { for (let i = 0; i < O.length; i++) O[i] = Math.log(A[i]); },
    (G, GA, A) => { for (let i = 0; i < G.length; i++) GA[i] += G[i] / A[i]; });
}

export function sqrt(tape: Tape, x: Tensor): Tensor {
  return unary(tape, 'sqrt', x,
    (A, O) => { for (let i = 0; i < O.length; i++) O[i] = Math.sqrt(A[i]); },
    // ∂√a/∂a = 1/(2√a)
    (G, GA, _A, O) => { for (let i = 0; i < G.length; i++) GA[i] += G[i] / (2 * O[i]); });
}
