import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  batchNormBackward, batchNormInferenceForward, batchNormTrainForward
} from '../../../src/lib/engine/kernels/batchnorm';
import { randomArray, worstError } from './kernels-reference';
import { numericGradient } from '../support/finite-differences';

/** y = γ(x − μ)/√(σ² + ε) + β in float64, with batch statistics or the given ones. */
function refForward(
  M: number, C: number, x: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps: number,
  stats: { mean: ArrayLike<number>; variance: ArrayLike<number> } | null
): { y: Float64Array; mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(C), variance = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    if (stats) { mean[c] = stats.mean[c]; variance[c] = stats.variance[c]; continue; }
    for (let r = 0; r < M; r++) mean[c] += x[r * C + c] / M;
    for (let r = 0; r < M; r++) variance[c] += (x[r * C + c] - mean[c]) ** 2 / M;
  }
  const y = new Float64Array(M * C);
  for (let r = 0; r < M; r++) for (let c = 0; c < C; c++) {
    y[r * C + c] = (gamma[c] * (x[r * C + c] - mean[c])) / Math.sqrt(variance[c] + eps) + beta[c];
  }
  return { y, mean, variance };
}

/** d(Σ dy·y)/d(each input) by central differences on the float64 forward. */
function numericGrads(
  M: number, C: number, x: Float32Array, gamma: Float32Array, beta: Float32Array, eps: number, dy: Float32Array,
  stats: { mean: ArrayLike<number>; variance: ArrayLike<number> } | null
) {
  const xs = Float64Array.from(x), gs = Float64Array.from(gamma), bs = Float64Array.from(beta);
  const loss = (): number => {
    const { y } = refForward(M, C, xs, gs, bs, eps, stats);
    let s = 0;
    for (let i = 0; i < y.length; i++) s += dy[i] * y[i];
    return s;
  };
  const grad = (v: Float64Array) => numericGradient(loss, v, (keep) => 1e-5 * Math.max(1, Math.abs(keep)));
  return { dx: grad(xs), dgamma: grad(gs), dbeta: grad(bs) };
}

const cases = fc.record({
  M: fc.integer({ min: 2, max: 20 }),
  C: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
  eps: fc.constantFrom(1e-3, 1e-5)
});

function inputs(M: number, C: number, seed: number) {
  const x = randomArray(M * C, seed);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * 3 + 1; // not already normalised
  const gamma = randomArray(C, seed + 1).map((v) => v + 1.5);
  const beta = randomArray(C, seed + 2);
  const dy = randomArray(M * C, seed + 3);
  return { x, gamma, beta, dy };
}

describe('batch norm, training mode', () => {
  it('normalises with batch statistics and updates running statistics Keras-style', () => {
    fc.assert(
      fc.property(cases, ({ M, C, seed, eps }) => {
        const { x, gamma, beta } = inputs(M, C, seed);
        const y = new Float32Array(M * C), mean = new Float32Array(C), invStd = new Float32Array(C);
        const running = { mean: randomArray(C, seed + 4), variance: randomArray(C, seed + 5).map(Math.abs), momentum: 0.9 };
        const before = { mean: running.mean.slice(), variance: running.variance.slice() };
        batchNormTrainForward(M, C, x, gamma, beta, eps, y, mean, invStd, running);
        const ref = refForward(M, C, x, gamma, beta, eps, null);
        expect(worstError(y, ref.y, null, 1e-5, 1e-5)).toBeLessThanOrEqual(1);
        expect(worstError(mean, ref.mean, null, 1e-6, 1e-6)).toBeLessThanOrEqual(1);
        const wantMean = before.mean.map((r, c) => 0.9 * r + 0.1 * ref.mean[c]);
        const wantVar = before.variance.map((r, c) => 0.9 * r + 0.1 * ref.variance[c]);
        expect(worstError(running.mean, wantMean, null, 1e-6, 1e-6)).toBeLessThanOrEqual(1);
        expect(worstError(running.variance, wantVar, null, 1e-6, 1e-6)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 }
    );
  });

  it('gradients match central finite differences (batch statistics depend on x)', () => {
    fc.assert(
      fc.property(cases, ({ M, C, seed, eps }) => {
        const { x, gamma, beta, dy } = inputs(M, C, seed);
        const y = new Float32Array(M * C), mean = new Float32Array(C), invStd = new Float32Array(C);
        batchNormTrainForward(M, C, x, gamma, beta, eps, y, mean, invStd, null);
        // added into existing gradients: start from ones and subtract them after
        const dx = new Float32Array(M * C).fill(1), dgamma = new Float32Array(C).fill(1), dbeta = new Float32Array(C).fill(1);
        batchNormBackward(true, M, C, x, gamma, mean, invStd, dy, dx, dgamma, dbeta);
        for (const a of [dx, dgamma, dbeta]) for (let i = 0; i < a.length; i++) a[i] -= 1;
        const num = numericGrads(M, C, x, gamma, beta, eps, dy, null);
        expect(worstError(dx, num.dx, null, 1e-3, 1e-4)).toBeLessThanOrEqual(1);
        expect(worstError(dgamma, num.dgamma, null, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
        expect(worstError(dbeta, num.dbeta, null, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 }
    );
  });
});

describe('batch norm, inference mode', () => {
  it('normalises with the running statistics and its gradients match finite differences', () => {
    fc.assert(
      fc.property(cases, ({ M, C, seed, eps }) => {
        const { x, gamma, beta, dy } = inputs(M, C, seed);
        const rm = randomArray(C, seed + 6), rv = randomArray(C, seed + 7).map((v) => Math.abs(v) + 0.1);
        const y = new Float32Array(M * C), invStd = new Float32Array(C);
        batchNormInferenceForward(M, C, x, gamma, beta, eps, rm, rv, y, invStd);
        const stats = { mean: rm, variance: rv };
        expect(worstError(y, refForward(M, C, x, gamma, beta, eps, stats).y, null, 1e-5, 1e-5)).toBeLessThanOrEqual(1);
        const dx = new Float32Array(M * C), dgamma = new Float32Array(C), dbeta = new Float32Array(C);
        batchNormBackward(false, M, C, x, gamma, rm, invStd, dy, dx, dgamma, dbeta);
        const num = numericGrads(M, C, x, gamma, beta, eps, dy, stats);
        expect(worstError(dx, num.dx, null, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
        expect(worstError(dgamma, num.dgamma, null, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
        expect(worstError(dbeta, num.dbeta, null, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 }
    );
  });
});
