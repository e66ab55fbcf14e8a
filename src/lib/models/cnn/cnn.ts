/**
 * The lecture's cat/dog convolutional network (section 7), on the project's engine.
 *
 *   input [N, 32, 32, 3]  pixels scaled to [-1, 1]
 *   stage 1  conv 3×3 → 16, BN, ReLU; conv 3×3 → 16, BN, ReLU; max-pool 2×2   → [N, 16, 16, 16]
 *   stage 2  conv 3×3 → 32, BN, ReLU; conv 3×3 → 32, BN, ReLU; max-pool 2×2   → [N, 8, 8, 32]
 *   stage 3  conv 3×3 → 64, BN, ReLU; conv 3×3 → 64, BN, ReLU                 → [N, 8, 8, 64]
 *   head     global average pool → dropout 0.2 → dense 64 → 2 logits (dog, cat)
 *
 * Two 3×3 convolutions per stage see a 5×5 window at the cost of 18 weights per channel pair
 * instead of 25 (Simonyan & Zisserman, 2015, VGG). Convolutions carry no bias: the batch norm
 * after each one (Ioffe & Szegedy, 2015) has its own shift β. Global average pooling instead of a
 * large dense layer (Lin, Chen & Yan, 2014, "Network in Network") keeps the parameter count at
 * 72,434 trainable numbers, small enough to train in a browser tab.
 */
import {
  type BatchNorm, Linear, Rng, Tape, Tensor, batchNorm, batchNormTensors, conv2d, createBatchNorm,
  dropout, globalAvgPool, heNormal, loadParams, maxPool2d, param, relu, softmax
} from '../../engine';
import { IMAGE_SIZE, CHANNELS, PIXELS_PER_IMAGE } from '../../data/cats-dogs';

/** Output channels of the six convolutions, two per stage. */
export const CONV_CHANNELS = [16, 16, 32, 32, 64, 64] as const;
export const DROPOUT = 0.2;
export const CLASSES = 2;

/**
 * The network's shape: the output channels of each 3×3 convolution, and after which of them
 * (0-based) a 2×2 max-pool halves the map. The shipped network is DEFAULT_LAYOUT; figure 7b's
 * "train from scratch" may train another shape of the same family (scratch-recipe.ts).
 */
export interface CnnLayout {
  channels: readonly number[];
  poolAfter: readonly number[];
  dropout: number;
}
export const DEFAULT_LAYOUT: CnnLayout = { channels: CONV_CHANNELS, poolAfter: [1, 3], dropout: DROPOUT };

export interface Cnn {
  /** Filters [3, 3, in, out], named conv1 … conv6. */
  convs: Tensor[];
  norms: BatchNorm[];
  dense: Linear;
  layout: CnnLayout;
}

export function createCnn(seed: number, layout: CnnLayout = DEFAULT_LAYOUT): Cnn {
  const rng = new Rng(seed);
  const convs: Tensor[] = [];
  const norms: BatchNorm[] = [];
  let inCh: number = CHANNELS;
  layout.channels.forEach((outCh, i) => {
    // He initialisation: the right scale for ReLU layers (He et al., 2015).
    convs.push(param(heNormal(rng, [3, 3, inCh, outCh]), `conv${i + 1}.weight`));
    // Momentum 0.9: the running statistics settle within a few dozen steps, so even a short run
    // (the figure's in-browser training) has usable inference statistics.
    norms.push(createBatchNorm(outCh, `bn${i + 1}`, { momentum: 0.9 }));
    inCh = outCh;
  });
  const dense = new Linear(rng, inCh, CLASSES, { name: 'dense' });
  return { convs, norms, dense, layout };
}

/** The tensors gradient descent changes. */
export function parameters(net: Cnn): Tensor[] {
  return [...net.convs, ...net.norms.flatMap((n) => [n.gamma, n.beta]), ...net.dense.params()];
}

/** Weights to decay (AdamW): the filters and the dense weight, not the norms' γ, β nor biases. */
export function decayedParams(net: Cnn): Tensor[] {
  return [...net.convs, net.dense.weight];
}

/** Everything a saved model needs: trainable tensors plus the batch norms' running statistics. */
export function savedTensors(net: Cnn): Tensor[] {
  return [...net.convs, ...net.norms.flatMap(batchNormTensors), ...net.dense.params()];
}

export function parameterCount(net: Cnn): number {
  return parameters(net).reduce((s, p) => s + p.size, 0);
}

/** One layer's output as the figure shows it. */
export interface Activation {
  name: string;
  tensor: Tensor;
}

export interface ForwardOptions {
  training: boolean;
  /** Dropout masks (needed only when training). */
  rng?: Rng;
  /** Receives each block's output (after ReLU, and after pooling) when given. */
  observe?: (a: Activation) => void;
}

/** Logits [N, 2] for images [N, 32, 32, 3]. */
export function forward(tape: Tape, net: Cnn, x: Tensor, options: ForwardOptions): Tensor {
  let h = x;
  let pools = 0;
  for (let i = 0; i < net.convs.length; i++) {
    h = conv2d(tape, h, net.convs[i], null, { padding: 'same' });
    h = batchNorm(tape, h, net.norms[i], options.training);
    h = relu(tape, h);
    options.observe?.({ name: `conv${i + 1}`, tensor: h });
    if (net.layout.poolAfter.includes(i)) {
      h = maxPool2d(tape, h);
      options.observe?.({ name: `pool${++pools}`, tensor: h });
    }
  }
  h = globalAvgPool(tape, h);
  if (options.training) {
    if (!options.rng) throw new Error('cnn forward: training needs an rng for dropout');
    if (net.layout.dropout > 0) h = dropout(tape, h, net.layout.dropout, options.rng, true);
  }
  return net.dense.forward(tape, h);
}

/** Pixel bytes 0–255 → network input in [-1, 1]. */
export function scalePixel(byte: number): number {
  return byte / 127.5 - 1;
}

/** A batch tensor from `count` photos' bytes (HWC each), scaled for the network. */
export function imagesToTensor(bytes: Uint8Array, count: number): Tensor {
  if (bytes.length !== count * PIXELS_PER_IMAGE) throw new Error(`imagesToTensor: ${bytes.length} bytes for ${count} photos`);
  const data = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = scalePixel(bytes[i]);
  return new Tensor(data, [count, IMAGE_SIZE, IMAGE_SIZE, CHANNELS]);
}

/** Class probabilities [N, 2] in inference mode. */
export function predictProbabilities(net: Cnn, bytes: Uint8Array, count: number): Float32Array {
  const tape = new Tape({ record: false });
  return softmax(tape, forward(tape, net, imagesToTensor(bytes, count), { training: false })).data;
}

/**
 * Accuracy over a photo set in inference mode, in batches (memory stays small). Returns the count
 * right and each photo's predicted class. With `views` (other views of the same photos, e.g. their
 * mirror images), each photo's probabilities are the mean over the photo and its views.
 */
export function evaluate(
  net: Cnn, images: Uint8Array, labels: ArrayLike<number>, batch = 100, views: readonly Uint8Array[] = []
): { correct: number; predicted: Uint8Array } {
  const n = labels.length;
  const predicted = new Uint8Array(n);
  let correct = 0;
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    const range = [start * PIXELS_PER_IMAGE, (start + count) * PIXELS_PER_IMAGE] as const;
    const probs = predictProbabilities(net, images.subarray(...range), count);
    for (const view of views) {
      const other = predictProbabilities(net, view.subarray(...range), count);
      for (let j = 0; j < probs.length; j++) probs[j] += other[j];
    }
    // (A mean over the views would divide both classes' sums alike: the larger sum decides.)
    for (let i = 0; i < count; i++) {
      const cls = probs[i * 2 + 1] > probs[i * 2] ? 1 : 0;
      predicted[start + i] = cls;
      if (cls === labels[start + i]) correct++;
    }
  }
  return { correct, predicted };
}

/** A network with the weights (and batch-norm statistics) of a safetensors file. */
export function loadCnn(bytes: Uint8Array): Cnn {
  const net = createCnn(0);
  loadParams(bytes, savedTensors(net));
  return net;
}

/** One photo through the network, keeping every block's feature maps (copied). */
export function inspectPhoto(net: Cnn, pixels: Uint8Array): { probabilities: Float32Array; maps: Activation[] } {
  const tape = new Tape({ record: false });
  const maps: Activation[] = [];
  const logits = forward(tape, net, imagesToTensor(pixels, 1), {
    training: false,
    observe: (a) => maps.push({ name: a.name, tensor: a.tensor.clone() })
  });
  return { probabilities: softmax(tape, logits).data.slice(), maps };
}
