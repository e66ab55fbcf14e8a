/**
 * Elementwise arithmetic: add, sub, mul, div, pow with NumPy broadcasting (either operand may be a
 * plain number), and the unary neg, exp, log, sqrt.
 *
 * Binary ops share one loop shape (see broadcast.ts): for each run r, walk `inner` elements with
 * fixed steps. The backward sweep walks the same plan and accumulates, which sums gradients over
 * broadcast dimensions for free.
 */
import { broadcastPlan } from '../broadcast';
import type { Tape } from '../tape';
import { Tensor, scalar } from '../tensor';

/** An operand of a binary op: a tensor, or a number used as a constant scalar. */
export type Operand = Tensor | number;

function asTensor(x: Operand): Tensor {
  return typeof x === 'number' ? scalar(x) : x;
}

export function add(tape: Tape, a: Operand, b: Operand): Tensor {
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  const out = tape.output(p.shape);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] + B[j];
  }
  tape.record('add', [x, y], out, () => {
    const G = out.grad!;
    if (x.requiresGrad) {
      const GA = x.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r]; k < n; k++, o++, i += sa) GA[i] += G[o];
      }
    }
    if (y.requiresGrad) {
      const GB = y.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, j = p.bOff[r]; k < n; k++, o++, j += sb) GB[j] += G[o];
      }
    }
  });
  return out;
}

export function sub(tape: Tape, a: Operand, b: Operand): Tensor {
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  const out = tape.output(p.shape);
  const A = x.data, B = y.data, O = out.data, n = p.inner, sa = p.aStep, sb = p.bStep;
  for (let r = 0, o = 0; r < p.runs; r++) {
    for (let k = 0, i = p.aOff[r], j = p.bOff[r]; k < n; k++, o++, i += sa, j += sb) O[o] = A[i] - B[j];
  }
  tape.record('sub', [x, y], out, () => {
    const G = out.grad!;
    if (x.requiresGrad) {
      const GA = x.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, i = p.aOff[r]; k < n; k++, o++, i += sa) GA[i] += G[o];
      }
    }
    if (y.requiresGrad) {
      const GB = y.grad!;
      for (let r = 0, o = 0; r < p.runs; r++) {
        for (let k = 0, j = p.bOff[r]; k < n; k++, o++, j += sb) GB[j] -= G[o];
      }
    }
  });
  return out;
}

export function mul(tape: Tape, a: Operand, b: Operand): Tensor {
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  const out = tape.output(p.shape);
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
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  const out = tape.output(p.shape);
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
  const x = asTensor(a), y = asTensor(b);
  const p = broadcastPlan(x.shape, y.shape);
  const out = tape.output(p.shape);
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
  const out = tape.output(x.shape);
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = -A[i];
  tape.record('neg', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] -= G[i];
  });
  return out;
}

export function exp(tape: Tape, x: Tensor): Tensor {
  const out = tape.output(x.shape);
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = Math.exp(A[i]);
  tape.record('exp', [x], out, () => {
    // ∂e^a/∂a = e^a, which is the output
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] += G[i] * O[i];
  });
  return out;
}

export function log(tape: Tape, x: Tensor): Tensor {
  const out = tape.output(x.shape);
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = Math.log(A[i]);
  tape.record('log', [x], out, () => {
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] += G[i] / A[i];
  });
  return out;
}

export function sqrt(tape: Tape, x: Tensor): Tensor {
  const out = tape.output(x.shape);
  const A = x.data, O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = Math.sqrt(A[i]);
  tape.record('sqrt', [x], out, () => {
    // ∂√a/∂a = 1/(2√a)
    const G = out.grad!, GA = x.grad!;
    for (let i = 0; i < G.length; i++) GA[i] += G[i] / (2 * O[i]);
  });
  return out;
}
