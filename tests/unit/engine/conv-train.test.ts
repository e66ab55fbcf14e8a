/**
 * Issue 3 item 6, end to end: a small CNN built from the engine's ops drives its loss to near
 * zero on 64 fixed, seeded 32×32×3 images — every convolution-family op's forward and backward
 * has to be right for that to happen within a few dozen Adam steps. It also checks batch norm's two
 * modes against each other: after training, predicting with the running statistics (inference
 * mode) must classify the training images as well as the batch statistics do.
 */
import { describe, expect, it } from 'vitest';
import { crossEntropy } from '../../../src/lib/engine/ops/loss';
import { relu } from '../../../src/lib/engine/ops/activation';
import { add } from '../../../src/lib/engine/ops/elementwise';
import { matmul } from '../../../src/lib/engine/ops/matmul';
import { conv2d } from '../../../src/lib/engine/ops/conv';
import { globalAvgPool, maxPool2d } from '../../../src/lib/engine/ops/pool';
import { batchNorm, createBatchNorm } from '../../../src/lib/engine/ops/batchnorm';
import { Adam } from '../../../src/lib/engine/optim';
import { Rng } from '../../../src/lib/engine/random';
import { Tape } from '../../../src/lib/engine/tape';
import { Tensor, param, zeros } from '../../../src/lib/engine/tensor';

const N = 64, S = 32, CLASSES = 4;

/**
 * Four kinds of seeded synthetic picture — horizontal stripes, vertical stripes, a checkerboard,
 * a bright disc — each with a random period or position, random colours and pixel noise.
 */
function images(seed: number): { x: Tensor; labels: Int32Array } {
  const rng = new Rng(seed);
  const x = new Float32Array(N * S * S * 3), labels = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const kind = n % CLASSES;
    labels[n] = kind;
    const period = 3 + rng.int(5), phase = rng.int(period);
    const cx = rng.uniform(8, 24), cy = rng.uniform(8, 24), r = rng.uniform(4, 9);
    const fg = [rng.uniform(0.5, 1), rng.uniform(0.5, 1), rng.uniform(0.5, 1)];
    const bg = [rng.uniform(0, 0.4), rng.uniform(0, 0.4), rng.uniform(0, 0.4)];
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      const on =
        kind === 0 ? Math.floor((i + phase) / period) % 2 === 0
        : kind === 1 ? Math.floor((j + phase) / period) % 2 === 0
        : kind === 2 ? (Math.floor((i + phase) / period) + Math.floor((j + phase) / period)) % 2 === 0
        : Math.hypot(i - cy, j - cx) < r;
      for (let c = 0; c < 3; c++) x[((n * S + i) * S + j) * 3 + c] = (on ? fg[c] : bg[c]) + rng.uniform(-0.1, 0.1);
    }
  }
  return { x: new Tensor(x, [N, S, S, 3]), labels };
}

/** He-uniform filters (relu layers), zero biases. */
function heParam(rng: Rng, shape: number[], fanIn: number, name: string): Tensor {
  const limit = Math.sqrt(6 / fanIn), size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = rng.uniform(-limit, limit);
  return param(data, shape, name);
}

describe('a small CNN on 64 fixed images', () => {
  it('drives the training loss to near zero, and inference-mode batch norm agrees', () => {
    const { x, labels } = images(7);
    const rng = new Rng(11);
    const w1 = heParam(rng, [3, 3, 3, 8], 27, 'conv1.w'), b1 = param(zeros([8]), 'conv1.b');
    const w2 = heParam(rng, [3, 3, 8, 16], 72, 'conv2.w');
    const bn = createBatchNorm(16, 'bn2', { momentum: 0.9 });
    const w3 = heParam(rng, [3, 3, 16, 16], 144, 'conv3.w'), b3 = param(zeros([16]), 'conv3.b');
    const wd = heParam(rng, [16, CLASSES], 16, 'dense.w'), bd = param(zeros([CLASSES]), 'dense.b');
    const params = [w1, b1, w2, bn.gamma, bn.beta, w3, b3, wd, bd];

    const logits = (t: Tape, training: boolean): Tensor => {
      let h = maxPool2d(t, relu(t, conv2d(t, x, w1, b1, { padding: 'same' })));
      // conv2 has no bias of its own: batch norm's β plays that part
      h = maxPool2d(t, relu(t, batchNorm(t, conv2d(t, h, w2, null, { padding: 'same' }), bn, training)));
      h = globalAvgPool(t, relu(t, conv2d(t, h, w3, b3, { padding: 'same', stride: 2 })));
      return add(t, matmul(t, h, wd), bd);
    };
    const accuracy = (z: Tensor): number => {
      let right = 0;
      for (let n = 0; n < N; n++) {
        let best = 0;
        for (let c = 1; c < CLASSES; c++) if (z.data[n * CLASSES + c] > z.data[n * CLASSES + best]) best = c;
        if (best === labels[n]) right++;
      }
      return right / N;
    };

    const tape = new Tape({ reuseBuffers: true });
    const optimizer = new Adam(params, { lr: 0.01 });
    let first = NaN, loss = NaN;
    for (let step = 0; step < 300; step++) {
      tape.reset();
      const l = crossEntropy(tape, logits(tape, true), labels);
      tape.backward(l);
      optimizer.step();
      loss = l.item();
      if (step === 0) first = loss;
      if (loss < 1e-3) break;
    }
    expect(first).toBeGreaterThan(1); // about ln 4 at the start
    expect(loss).toBeLessThan(1e-3);

    const eval_ = new Tape({ record: false });
    expect(accuracy(logits(eval_, true))).toBe(1);
    // The running statistics were averaged over training, while the weights moved; they must
    // still be close enough to the final batch statistics to classify every image.
    expect(accuracy(logits(eval_, false))).toBe(1);
    expect(crossEntropy(eval_, logits(eval_, false), labels).item()).toBeLessThan(0.05);
  });
});
