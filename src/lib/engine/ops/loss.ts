/**
 * Losses, each returning a scalar (shape []) mean over examples:
 *  - crossEntropy: softmax cross-entropy from logits and integer class labels, fused so the
 *    backward is the familiar (softmax − one-hot) / N;
 *  - bceWithLogits: binary cross-entropy from logits and 0/1 targets, fused the same way (σ(z) − y);
 *  - mse: mean squared error.
 */
import type { Tape } from '../tape';
import { type Tensor, shapesEqual } from '../tensor';

/** The loss as a scalar tensor: the mean of `count` terms that sum to `total`. */
function meanOutput(tape: Tape, total: number, count: number): Tensor {
  const out = tape.output([]);
  out.data[0] = total / count;
  return out;
}

/** Throws unless a loss's prediction-like and target-like inputs have the same shape. */
function requireSameShape(op: string, a: [name: string, t: Tensor], b: [name: string, t: Tensor]): void {
  if (!shapesEqual(a[1].shape, b[1].shape)) throw new Error(`${op}: ${a[0]} [${a[1].shape}] and ${b[0]} [${b[1].shape}] differ`);
}

/**
 * Mean over rows of −log softmax(logits)[label]. logits: [..., C]; labels: one class index per row
 * (rows = every axis but the last, flattened).
 */
export function crossEntropy(tape: Tape, logits: Tensor, labels: ArrayLike<number>): Tensor {
  const C = logits.shape[logits.ndim - 1];
  if (logits.ndim < 1 || C === 0) throw new Error(`crossEntropy: logits [${logits.shape}] need a class axis`);
  const rows = logits.size / C;
  if (labels.length !== rows) throw new Error(`crossEntropy: ${labels.length} labels for ${rows} rows of logits`);
  const X = logits.data;
  const P = tape.scratch(logits.size); // softmax probabilities, kept for the backward
  let total = 0;
  for (let r = 0, base = 0; r < rows; r++, base += C) {
    const label = labels[r];
    if (!Number.isInteger(label) || label < 0 || label >= C) throw new Error(`crossEntropy: label ${label} not in [0, ${C})`);
    let m = -Infinity;
    for (let j = 0; j < C; j++) if (X[base + j] > m) m = X[base + j];
    let s = 0;
    for (let j = 0; j < C; j++) {
      const e = Math.exp(X[base + j] - m);
      P[base + j] = e;
      s += e;
    }
    for (let j = 0; j < C; j++) P[base + j] /= s;
    total += m + Math.log(s) - X[base + label];
  }
  const out = meanOutput(tape, total, rows);
  tape.record('crossEntropy', [logits], out, () => {
    const g = out.grad![0] / rows, GA = logits.grad!;
    for (let r = 0, base = 0; r < rows; r++, base += C) {
      for (let j = 0; j < C; j++) GA[base + j] += g * P[base + j];
      GA[base + labels[r]] -= g;
    }
  });
  return out;
}

/**
 * Mean binary cross-entropy between sigmoid(logits) and targets in [0, 1], same shapes:
 * max(z, 0) − z·y + log(1 + e^(−|z|)), which never overflows.
 */
export function bceWithLogits(tape: Tape, logits: Tensor, targets: Tensor): Tensor {
  requireSameShape('bceWithLogits', ['logits', logits], ['targets', targets]);
  const Z = logits.data, Y = targets.data, n = logits.size;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const z = Z[i];
    total += Math.max(z, 0) - z * Y[i] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  const out = meanOutput(tape, total, n);
  tape.record('bceWithLogits', [logits, targets], out, () => {
    const g = out.grad![0] / n;
    if (logits.requiresGrad) {
      const GZ = logits.grad!;
      for (let i = 0; i < n; i++) {
        const z = Z[i];
        const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        GZ[i] += g * (s - Y[i]);
      }
    }
    if (targets.requiresGrad) {
      const GY = targets.grad!;
      for (let i = 0; i < n; i++) GY[i] -= g * Z[i];
    }
  });
  return out;
}

/** Mean over all elements of (prediction − target)²; shapes must match. */
export function mse(tape: Tape, prediction: Tensor, target: Tensor): Tensor {
  requireSameShape('mse', ['prediction', prediction], ['target', target]);
  const A = prediction.data, B = target.data, n = prediction.size;
  let total = 0;
  for (let i = 0; i < n; i++) total += (A[i] - B[i]) * (A[i] - B[i]);
  const out = meanOutput(tape, total, n);
  tape.record('mse', [prediction, target], out, () => {
    const g = (2 * out.grad![0]) / n;
    if (prediction.requiresGrad) {
      const GA = prediction.grad!;
      for (let i = 0; i < n; i++) GA[i] += g * (A[i] - B[i]);
    }
    if (target.requiresGrad) {
      const GB = target.grad!;
      for (let i = 0; i < n; i++) GB[i] -= g * (A[i] - B[i]);
    }
  });
  return out;
}
