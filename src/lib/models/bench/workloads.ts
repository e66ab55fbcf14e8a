/**
 * The three benchmark workloads of issue 3 item 7 (run by `npm run bench` in Node and by the /bench
 * page in the browser), as plain data: sizes, the training data and the
 * initial weights (seeded), and the multiply-add count of one training step. Both the engine and
 * TensorFlow.js build their model from these same arrays, so they start from identical weights and
 * see identical data.
 *
 * FLOP counting: 2 FLOPs per multiply-add of every matrix product and convolution that a training
 * step needs — forward, weight gradients, and input gradients except where the input is data
 * (nobody needs ∂loss/∂image). Padding taps of 'same' convolutions are counted, as every
 * implementation computes them. Elementwise work (activations, softmax, pooling, Adam) is not
 * counted, so GFLOP/s understates the work done a little, for both sides alike.
 */
import { Rng } from '../../engine/random';
import { NYC_CITYWIDE } from '../../data/nyc';

export type WorkloadName = 'mlp' | 'cnn' | 'attention';

/**
 * Adam's ε, set explicitly on both sides: the engine defaults to 1e-8, TF.js to its backend's
 * epsilon (1e-7 for float32). β₁ = 0.9 and β₂ = 0.999 are both libraries' defaults.
 */
export const ADAM_EPSILON = 1e-7;

/** Glorot/Xavier uniform: U(±√(6 / (fanIn + fanOut))), the usual default for dense and conv layers. */
function glorot(rng: Rng, n: number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(-limit, limit);
  return out;
}

/** One side's model of a workload, ready to train. */
export interface Trainer {
  /** One training step (forward, backward, optimiser update). */
  step(): void;
  /** The loss at the current weights (forward only; for checking both sides agree). */
  loss(): number | Promise<number>;
  /**
   * Waits for queued work: TF.js cpu and wasm run synchronously (this reads one value to be
   * sure); jax-js dispatches lazily, and with its worker pool only asynchronously.
   */
  sync(): void | Promise<void>;
  dispose(): void;
}

export interface Param {
  name: string;
  shape: number[];
  values: Float32Array;
}

// ---------------------------------------------------------------- (a) mlp
/** 1→16→16→1 tanh network on the 154 days of NYC cases, full batch, MSE, Adam. */
export const MLP = { points: 154, hidden: 16, learningRate: 0.01 };

export function mlpData(): { x: Float32Array; y: Float32Array } {
  const n = MLP.points;
  const peak = Math.max(...NYC_CITYWIDE);
  const x = new Float32Array(n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (2 * i) / (n - 1) - 1; // day scaled to [-1, 1]
    y[i] = NYC_CITYWIDE[i] / peak; // cases scaled to [0, 1]
  }
  return { x, y };
}

export function mlpParams(seed = 1): Param[] {
  const rng = new Rng(seed), h = MLP.hidden;
  return [
    { name: 'w1', shape: [1, h], values: glorot(rng, h, 1, h) },
    { name: 'b1', shape: [h], values: new Float32Array(h) },
    { name: 'w2', shape: [h, h], values: glorot(rng, h * h, h, h) },
    { name: 'b2', shape: [h], values: new Float32Array(h) },
    { name: 'w3', shape: [h, 1], values: glorot(rng, h, h, 1) },
    { name: 'b3', shape: [1], values: new Float32Array(1) }
  ];
}

/** Multiply-adds per step: forward + weight grads of 3 layers + input grads of layers 2 and 3. */
export function mlpMacs(): number {
  const n = MLP.points, h = MLP.hidden;
  const fwd = n * (1 * h + h * h + h * 1);
  const inputGrads = n * (h * h + h * 1);
  return 2 * fwd + inputGrads;
}

// ---------------------------------------------------------------- (b) cnn
/**
 * conv3×3 3→16, relu, maxpool2, conv3×3 16→32, relu, maxpool2, conv3×3 32→64, relu, global average
 * pool, dense 64→2, softmax cross-entropy; 'same' padding, biases on every layer; batch 32, Adam.
 */
export const CNN = { batch: 32, size: 32, channels: [3, 16, 32, 64], classes: 2, learningRate: 1e-3 };

/**
 * One fixed batch of 32×32×3 images (NHWC, values in [0, 1]) with 0/1 labels. Seeded synthetic
 * images stand in for the cat/dog photos: a training step's cost does not depend on pixel values,
 * and this keeps the benchmark independent of the dataset build.
 */
export function cnnData(seed = 2): { x: Float32Array; labels: Int32Array } {
  const rng = new Rng(seed), { batch, size } = CNN;
  const x = new Float32Array(batch * size * size * 3);
  const labels = new Int32Array(batch);
  for (let n = 0; n < batch; n++) {
    labels[n] = n % 2;
    // A smooth random blob plus noise, brighter for class 1, so the images are not white noise.
    const cx = rng.uniform(8, 24), cy = rng.uniform(8, 24), r = rng.uniform(4, 10);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) for (let c = 0; c < 3; c++) {
      const d = Math.hypot(i - cy, j - cx);
      const blob = d < r ? 0.5 + 0.3 * labels[n] : 0.2;
      x[((n * size + i) * size + j) * 3 + c] = Math.min(1, Math.max(0, blob + rng.uniform(-0.1, 0.1)));
    }
  }
  return { x, labels };
}

export function cnnParams(seed = 3): Param[] {
  const rng = new Rng(seed), ch = CNN.channels;
  const params: Param[] = [];
  for (let l = 0; l < 3; l++) {
    const [cin, cout] = [ch[l], ch[l + 1]];
    params.push({ name: `conv${l + 1}.w`, shape: [3, 3, cin, cout], values: glorot(rng, 9 * cin * cout, 9 * cin, 9 * cout) });
    params.push({ name: `conv${l + 1}.b`, shape: [cout], values: new Float32Array(cout) });
  }
  params.push({ name: 'dense.w', shape: [64, CNN.classes], values: glorot(rng, 64 * CNN.classes, 64, CNN.classes) });
  params.push({ name: 'dense.b', shape: [CNN.classes], values: new Float32Array(CNN.classes) });
  return params;
}

/** Multiply-adds per image: conv1 forward + weight grad; conv2, conv3 and dense also input grads. */
export function cnnMacsPerImage(): number {
  const s = CNN.size, ch = CNN.channels;
  const conv1 = s * s * ch[1] * 9 * ch[0];
  const conv2 = (s / 2) * (s / 2) * ch[2] * 9 * ch[1];
  const conv3 = (s / 4) * (s / 4) * ch[3] * 9 * ch[2];
  const dense = 64 * CNN.classes;
  return 2 * conv1 + 3 * conv2 + 3 * conv3 + 3 * dense;
}

// ---------------------------------------------------------------- (c) attention
/**
 * One single-head self-attention block on 64 tokens of width 32: Q, K, V = X·Wq, X·Wk, X·Wv;
 * A = softmax(Q·Kᵀ/√32) (no mask); out = (A·V)·Wo; MSE against a fixed target; Adam. The
 * projections have no biases.
 */
export const ATTENTION = { tokens: 64, dModel: 32, learningRate: 1e-3 };

export function attentionData(seed = 4): { x: Float32Array; target: Float32Array } {
  const rng = new Rng(seed), n = ATTENTION.tokens * ATTENTION.dModel;
  const x = new Float32Array(n), target = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal();
  for (let i = 0; i < n; i++) target[i] = rng.normal(0, 0.5);
  return { x, target };
}

export function attentionParams(seed = 5): Param[] {
  const rng = new Rng(seed), d = ATTENTION.dModel;
  return ['wq', 'wk', 'wv', 'wo'].map((name) => ({ name, shape: [d, d], values: glorot(rng, d * d, d, d) }));
}

/**
 * Multiply-adds per step: forward (4 projections, Q·Kᵀ, A·V) + backward (4 projection weight
 * grads, the input grad of the output projection, both operands' grads of Q·Kᵀ and of A·V).
 * X is data, so the Q/K/V projections need no input gradient.
 */
export function attentionMacs(): number {
  const t = ATTENTION.tokens, d = ATTENTION.dModel;
  const proj = t * d * d, scores = t * t * d;
  const forward = 4 * proj + 2 * scores;
  const backward = 5 * proj + 4 * scores;
  return forward + backward;
}

/** Work per training step in FLOPs, and how many "items" (steps or images) a step counts for. */
export const WORK: Record<WorkloadName, { flopsPerStep: number; itemsPerStep: number; unit: string }> = {
  mlp: { flopsPerStep: 2 * mlpMacs(), itemsPerStep: 1, unit: 'steps' },
  cnn: { flopsPerStep: 2 * cnnMacsPerImage() * CNN.batch, itemsPerStep: CNN.batch, unit: 'images' },
  attention: { flopsPerStep: 2 * attentionMacs(), itemsPerStep: 1, unit: 'steps' }
};
