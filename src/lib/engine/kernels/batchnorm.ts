/**
 * Batch normalisation over the last axis (channels): x is viewed as M rows × C channels, which
 * covers both NHWC feature maps (M = N·H·W) and dense activations (M = batch).
 *
 *   training:  μ, σ² = mean and (biased) variance of each channel over the M rows of this batch
 *   inference: μ, σ² = the running statistics
 *   y = γ·x̂ + β,  x̂ = (x − μ) / √(σ² + ε)
 *
 * Running statistics follow Keras: r ← momentum·r + (1 − momentum)·batch value, with the batch's
 * biased variance. Channel sums are accumulated in float64 (two passes: mean, then squared
 * deviations), so the statistics do not lose digits on large M.
 */

let sums = new Float64Array(0);
function scratch(n: number): Float64Array {
  if (sums.length < n) sums = new Float64Array(n);
  return sums;
}

/**
 * Training-mode forward. Writes y, the batch mean and 1/√(σ²+ε) per channel (both needed by the
 * backward pass), and updates runningMean / runningVar in place when given.
 */
export function batchNormTrainForward(
  M: number, C: number, x: Float32Array, gamma: Float32Array, beta: Float32Array, eps: number,
  y: Float32Array, mean: Float32Array, invStd: Float32Array,
  running: { mean: Float32Array; variance: Float32Array; momentum: number } | null
): void {
  const s = scratch(2 * C);
  s.fill(0, 0, 2 * C);
  for (let r = 0, o = 0; r < M; r++, o += C) for (let c = 0; c < C; c++) s[c] += x[o + c];
  for (let c = 0; c < C; c++) s[c] /= M;
  for (let r = 0, o = 0; r < M; r++, o += C) {
    for (let c = 0; c < C; c++) { const d = x[o + c] - s[c]; s[C + c] += d * d; }
  }
  for (let c = 0; c < C; c++) {
    const variance = s[C + c] / M;
    mean[c] = s[c];
    invStd[c] = 1 / Math.sqrt(variance + eps);
    if (running) {
      const m = running.momentum;
      running.mean[c] = m * running.mean[c] + (1 - m) * s[c];
      running.variance[c] = m * running.variance[c] + (1 - m) * variance;
    }
  }
  normalize(M, C, x, mean, invStd, gamma, beta, y);
}

/** Inference-mode forward: normalises with the running statistics; writes invStd for backward. */
export function batchNormInferenceForward(
  M: number, C: number, x: Float32Array, gamma: Float32Array, beta: Float32Array, eps: number,
  runningMean: Float32Array, runningVar: Float32Array, y: Float32Array, invStd: Float32Array
): void {
  for (let c = 0; c < C; c++) invStd[c] = 1 / Math.sqrt(runningVar[c] + eps);
  normalize(M, C, x, runningMean, invStd, gamma, beta, y);
}

function normalize(
  M: number, C: number, x: Float32Array, mean: Float32Array, invStd: Float32Array,
  gamma: Float32Array, beta: Float32Array, y: Float32Array
): void {
  for (let r = 0, o = 0; r < M; r++, o += C) {
    for (let c = 0; c < C; c++) y[o + c] = gamma[c] * (x[o + c] - mean[c]) * invStd[c] + beta[c];
  }
}

/**
 * Backward of either mode, given the mean and invStd its forward used. dgamma = Σ dy·x̂,
 * dbeta = Σ dy. In training mode μ and σ² depend on x, so
 *   dx = γ·invStd/M · (M·dy − Σdy − x̂·Σ(dy·x̂));
 * in inference mode they are constants and dx = γ·invStd·dy.
 * Results are ADDED into dx, dgamma, dbeta (the tape's rule); pass null to skip one.
 */
export function batchNormBackward(
  training: boolean, M: number, C: number,
  x: Float32Array, gamma: Float32Array, mean: Float32Array, invStd: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dgamma: Float32Array | null, dbeta: Float32Array | null
): void {
  const s = scratch(2 * C); // s[c] = Σ dy, s[C + c] = Σ dy·x̂
  s.fill(0, 0, 2 * C);
  for (let r = 0, o = 0; r < M; r++, o += C) {
    for (let c = 0; c < C; c++) {
      const g = dy[o + c];
      s[c] += g;
      s[C + c] += g * (x[o + c] - mean[c]) * invStd[c];
    }
  }
  if (dbeta) for (let c = 0; c < C; c++) dbeta[c] += s[c];
  if (dgamma) for (let c = 0; c < C; c++) dgamma[c] += s[C + c];
  if (!dx) return;
  if (training) {
    for (let r = 0, o = 0; r < M; r++, o += C) {
      for (let c = 0; c < C; c++) {
        const xhat = (x[o + c] - mean[c]) * invStd[c];
        dx[o + c] += (gamma[c] * invStd[c] / M) * (M * dy[o + c] - s[c] - xhat * s[C + c]);
      }
    }
  } else {
    for (let r = 0, o = 0; r < M; r++, o += C) {
      for (let c = 0; c < C; c++) dx[o + c] += gamma[c] * invStd[c] * dy[o + c];
    }
  }
}
