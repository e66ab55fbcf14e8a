/**
 * Batch normalisation over the last axis (channels), for NHWC feature maps and dense activations.
 *
 * A `BatchNorm` holds the layer's four tensors: the trainable scale γ and shift β (parameters) and
 * the running mean and variance (plain tensors without gradients, updated in place by every
 * training-mode forward). All four carry names, so a model saves them to its safetensors file
 * with its other weights, and inference after loading uses exactly the trained statistics.
 *
 *   training  (x − batch mean) / √(batch var + ε) · γ + β; running ← m·running + (1 − m)·batch
 *   inference (x − running mean) / √(running var + ε) · γ + β
 * Defaults follow Keras (momentum 0.99, ε = 0.001). The loops live in kernels/batchnorm.ts.
 */
import {
  batchNormBackward, batchNormInferenceForward, batchNormTrainForward
} from '../kernels/batchnorm';
import type { Tape } from '../tape';
import { Tensor, full, param, zeros } from '../tensor';

export interface BatchNorm {
  gamma: Tensor;
  beta: Tensor;
  runningMean: Tensor;
  runningVar: Tensor;
  momentum: number;
  eps: number;
}

/**
 * A fresh layer for `channels` channels: γ = 1, β = 0, running mean 0, running variance 1.
 * Tensors are named `${name}.gamma`, `.beta`, `.running_mean`, `.running_var`.
 */
export function createBatchNorm(
  channels: number, name = 'bn', options: { momentum?: number; eps?: number } = {}
): BatchNorm {
  const runningMean = zeros([channels]);
  runningMean.name = `${name}.running_mean`;
  const runningVar = full([channels], 1);
  runningVar.name = `${name}.running_var`;
  return {
    gamma: param(full([channels], 1), `${name}.gamma`),
    beta: param(zeros([channels]), `${name}.beta`),
    runningMean,
    runningVar,
    momentum: options.momentum ?? 0.99,
    eps: options.eps ?? 1e-3
  };
}

/** The layer's tensors in a fixed order, for saving and loading with a model's weights. */
export function batchNormTensors(bn: BatchNorm): Tensor[] {
  return [bn.gamma, bn.beta, bn.runningMean, bn.runningVar];
}

export function batchNorm(tape: Tape, x: Tensor, bn: BatchNorm, training: boolean): Tensor {
  const C = x.shape[x.ndim - 1];
  if (x.ndim < 2 || bn.gamma.size !== C) {
    throw new Error(`batchNorm: x [${x.shape}] must end in the layer's ${bn.gamma.size} channels`);
  }
  const M = x.size / C;
  if (training && M < 2) throw new Error('batchNorm: training mode needs at least 2 rows per channel');
  const out = tape.output(x.shape);
  const X = x.data, gamma = bn.gamma.data;
  // Per-channel statistics the backward pass needs; tape scratch so a reused tape allocates nothing.
  const invStd = tape.scratch(C);
  let mean: Float32Array;
  if (training) {
    mean = tape.scratch(C);
    batchNormTrainForward(M, C, X, gamma, bn.beta.data, bn.eps, out.data, mean, invStd, {
      mean: bn.runningMean.data, variance: bn.runningVar.data, momentum: bn.momentum
    });
  } else {
    // A copy: a training-mode forward between this forward and its backward would move the stats.
    mean = tape.scratch(C);
    mean.set(bn.runningMean.data);
    batchNormInferenceForward(M, C, X, gamma, bn.beta.data, bn.eps, mean, bn.runningVar.data, out.data, invStd);
  }
  tape.record('batchNorm', [x, bn.gamma, bn.beta], out, () => {
    batchNormBackward(
      training, M, C, X, gamma, mean, invStd, out.grad!,
      x.requiresGrad ? x.grad! : null,
      bn.gamma.requiresGrad ? bn.gamma.grad! : null,
      bn.beta.requiresGrad ? bn.beta.grad! : null
    );
  });
  return out;
}
