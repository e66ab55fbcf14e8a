/**
 * Training the section-7 CNN: the recipe shared by `npm run train:cnn` (Node) and the figure's
 * "train from scratch" worker, so both run exactly the same code.
 *
 *   augmentation  each photo, each time it is drawn: mirrored left–right with probability ½ and
 *                 shifted by up to 4 pixels each way, the uncovered border filled with 0 (mid-grey
 *                 after scaling) — the "pad 4 and crop 32" of He et al. (2016) on CIFAR-10
 *   optimiser     AdamW (Loshchilov & Hutter, 2019), weight decay on filters and dense weights only
 *   schedule      linear warm-up, then a cosine decay to zero (Loshchilov & Hutter, 2017, SGDR)
 *   loss          softmax cross-entropy, mean over the mini-batch
 * Mini-batches are fixed-size draws from a seeded shuffle per epoch (the last partial batch of an
 * epoch is dropped, so every step has the same shapes and the tape reuses its buffers).
 */
import { Adam, AdamW, Rng, Tape, Tensor, add, cosine, crossEntropy, mul, type Schedule } from '../../engine';
import { CHANNELS, IMAGE_SIZE, PIXELS_PER_IMAGE } from '../../data/cats-dogs';
import { type Cnn, type CnnLayout, DEFAULT_LAYOUT, createCnn, decayedParams, forward, parameters, scalePixel } from './cnn';

export interface CnnTrainingConfig {
  seed: number;
  epochs: number;
  batchSize: number;
  peakLr: number;
  weightDecay: number;
  warmupEpochs: number;
  /** Largest shift of the random crop, in pixels (0: no shifting). */
  maxShift: number;
  flip: boolean;
  /** Label smoothing ε (Szegedy et al., 2016): the target puts ε/2 on the wrong class (0: none). */
  labelSmoothing?: number;
}

/** What a caller may change beyond the recipe's numbers (figure 7b's timed run, scratch-recipe.ts). */
export interface CnnTrainingOptions {
  /** Which photos of `images` to train on (default: all). */
  indices?: readonly number[];
  /** The network's shape (default: the shipped network's). */
  layout?: CnnLayout;
  /** The learning rate at each update, replacing the recipe's warm-up and cosine over epochs. */
  lr?: Schedule;
}

export const DEFAULT_TRAINING: CnnTrainingConfig = {
  seed: 7,
  epochs: 80,
  batchSize: 32,
  peakLr: 3e-3,
  weightDecay: 0.05,
  warmupEpochs: 2,
  maxShift: 4,
  flip: true
};

/**
 * Writes one augmented photo into `out` (scaled to [-1, 1]): source pixel (r − dy, c − dx), read
 * mirrored when `flip`; pixels that come from outside the photo are 0.
 */
export function augmentInto(src: Uint8Array, out: Float32Array, offset: number, dx: number, dy: number, flip: boolean): void {
  const S = IMAGE_SIZE;
  for (let r = 0; r < S; r++) {
    const sr = r - dy;
    for (let c = 0; c < S; c++) {
      const o = offset + (r * S + c) * CHANNELS;
      let sc = c - dx;
      if (flip) sc = S - 1 - sc;
      if (sr < 0 || sr >= S || sc < 0 || sc >= S) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
      } else {
        const s = (sr * S + sc) * CHANNELS;
        out[o] = scalePixel(src[s]);
        out[o + 1] = scalePixel(src[s + 1]);
        out[o + 2] = scalePixel(src[s + 2]);
      }
    }
  }
}

/** A training run over a set of photos: one call to `step()` is one mini-batch update. */
export class CnnTraining {
  readonly net: Cnn;
  readonly config: CnnTrainingConfig;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly schedule: Schedule;
  private readonly rng: Rng;
  private readonly tape = new Tape({ reuseBuffers: true });
  private readonly decayed: AdamW;
  private readonly undecayed: Adam;
  private readonly order: number[];
  private cursor: number;
  private readonly batchData: Float32Array;
  private readonly batchInput: Tensor;
  private readonly batchLabels: Int32Array;
  /** Each photo's other class, for label smoothing's share of the loss. */
  private readonly otherLabels: Int32Array;
  steps = 0;

  constructor(
    config: CnnTrainingConfig,
    private readonly images: Uint8Array,
    private readonly labels: ArrayLike<number>,
    { indices, layout = DEFAULT_LAYOUT, lr }: CnnTrainingOptions = {}
  ) {
    this.config = config;
    this.net = createCnn(config.seed, layout);
    this.rng = new Rng(config.seed + 1);
    this.order = indices ? [...indices] : Array.from({ length: labels.length }, (_, i) => i);
    if (this.order.length < config.batchSize) throw new Error('CnnTraining: fewer photos than one batch');
    this.stepsPerEpoch = Math.floor(this.order.length / config.batchSize);
    this.totalSteps = this.stepsPerEpoch * config.epochs;
    this.schedule = lr ?? cosine({
      peak: config.peakLr,
      total: this.totalSteps,
      warmup: Math.min(this.totalSteps, Math.round(config.warmupEpochs * this.stepsPerEpoch))
    });
    const decay = new Set(decayedParams(this.net));
    const all = parameters(this.net);
    this.decayed = new AdamW(all.filter((p) => decay.has(p)), { lr: this.schedule, weightDecay: config.weightDecay });
    this.undecayed = new Adam(all.filter((p) => !decay.has(p)), { lr: this.schedule });
    this.cursor = this.order.length; // shuffle on the first step
    this.batchData = new Float32Array(config.batchSize * PIXELS_PER_IMAGE);
    this.batchInput = new Tensor(this.batchData, [config.batchSize, IMAGE_SIZE, IMAGE_SIZE, CHANNELS]);
    this.batchLabels = new Int32Array(config.batchSize);
    this.otherLabels = new Int32Array(config.batchSize);
  }

  get epoch(): number {
    return this.steps / this.stepsPerEpoch;
  }

  get finished(): boolean {
    return this.steps >= this.totalSteps;
  }

  currentLr(): number {
    return this.schedule(this.steps);
  }

  /** One mini-batch: forward, backward, update. Returns the batch's mean loss before the update. */
  step(): number {
    const { batchSize, maxShift, flip } = this.config;
    for (let b = 0; b < batchSize; b++) {
      if (this.cursor + 1 > this.stepsPerEpoch * batchSize) {
        this.rng.shuffle(this.order);
        this.cursor = 0;
      }
      const index = this.order[this.cursor++];
      const dx = maxShift ? this.rng.int(2 * maxShift + 1) - maxShift : 0;
      const dy = maxShift ? this.rng.int(2 * maxShift + 1) - maxShift : 0;
      const mirror = flip && this.rng.uniform() < 0.5;
      const src = this.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE);
      augmentInto(src, this.batchData, b * PIXELS_PER_IMAGE, dx, dy, mirror);
      this.batchLabels[b] = this.labels[index];
      this.otherLabels[b] = 1 - this.labels[index];
    }
    this.tape.reset();
    const logits = forward(this.tape, this.net, this.batchInput, { training: true, rng: this.rng });
    const loss = smoothedCrossEntropy(this.tape, logits, this.batchLabels, this.otherLabels, this.config.labelSmoothing ?? 0);
    this.tape.backward(loss);
    this.decayed.step();
    this.undecayed.step();
    this.steps++;
    return loss.item();
  }
}

/**
 * Cross-entropy against smoothed two-class targets (1 − ε/2 on the label, ε/2 on the other class):
 * (1 − ε/2)·CE(label) + (ε/2)·CE(other). ε = 0 is the plain cross-entropy.
 */
export function smoothedCrossEntropy(tape: Tape, logits: Tensor, labels: Int32Array, others: Int32Array, epsilon: number): Tensor {
  const right = crossEntropy(tape, logits, labels);
  if (epsilon === 0) return right;
  return add(tape, mul(tape, right, 1 - epsilon / 2), mul(tape, crossEntropy(tape, logits, others), epsilon / 2));
}
