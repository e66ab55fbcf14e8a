/**
 * Gradient descent on the code transformer: every step reads a batch of windows cut from the
 * training files, predicts each window's next bytes, and takes one Adam step on the mean
 * cross-entropy (seeded, so a run is repeatable).
 *
 * A window never crosses from one file into the next: each file is read as FILE_START followed by
 * its bytes, and a window of T inputs and the T bytes after them lies inside one such sequence,
 * every such window equally likely. Files too short for one window (fewer than T bytes) are left
 * out of training; the evaluation still reads them.
 */
import { Adam, Rng, Tape, clipGradNorm, type LearningRate } from '$lib/engine';
import { FILE_START } from './code-bytes';
import { loss, parameters, type CodeTransformer } from './code-transformer';

export interface CodeTrainerOptions {
  /** Windows per step. */
  batch: number;
  /** Window length (≤ the model's context; default the whole context). */
  window?: number;
  lr?: LearningRate;
  /** Largest global gradient norm (gradients are scaled down above it). */
  clip?: number;
  seed: number;
}

/** Samples windows uniformly among all the windows that fit inside one file. */
export class WindowSampler {
  private readonly files: Uint8Array[];
  /** ends[i]: number of windows in files 0 … i. */
  private readonly ends: Float64Array;

  constructor(files: Uint8Array[], readonly window: number) {
    // A file of n bytes is n + 1 symbols (FILE_START first), so n + 1 − window windows of window + 1.
    this.files = files.filter((f) => f.length >= window);
    this.ends = new Float64Array(this.files.length);
    let total = 0;
    this.files.forEach((f, i) => (this.ends[i] = total += f.length + 1 - window));
    if (total === 0) throw new Error(`no training file is ${window} bytes long`);
  }

  get windows(): number {
    return this.ends[this.ends.length - 1];
  }

  /** Fills `inputs` and `targets` (batch × window each) with `batch` windows. */
  sample(rng: Rng, batch: number, inputs: Int32Array, targets: Int32Array): void {
    const T = this.window;
    for (let b = 0; b < batch; b++) {
      const k = Math.floor(rng.uniform() * this.windows);
      let lo = 0, hi = this.ends.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.ends[mid] > k) hi = mid;
        else lo = mid + 1;
      }
      const file = this.files[lo];
      const start = k - (lo > 0 ? this.ends[lo - 1] : 0); // in symbols; symbol s is byte s − 1, symbol 0 FILE_START
      for (let t = 0; t < T; t++) {
        const s = start + t;
        inputs[b * T + t] = s === 0 ? FILE_START : file[s - 1];
        targets[b * T + t] = file[s];
      }
    }
  }
}

export class CodeTrainer {
  readonly optimiser: Adam;
  private readonly sampler: WindowSampler;
  private readonly rng: Rng;
  private readonly tape = new Tape({ reuseBuffers: true });
  private readonly inputs: Int32Array;
  private readonly targets: Int32Array;
  /** Mean loss of each step taken, in nats per byte. */
  readonly losses: number[] = [];

  constructor(readonly model: CodeTransformer, files: Uint8Array[], readonly options: CodeTrainerOptions) {
    const window = options.window ?? model.config.context;
    this.sampler = new WindowSampler(files, window);
    this.rng = new Rng(options.seed);
    this.optimiser = new Adam(parameters(model), { lr: options.lr ?? 3e-3 });
    this.inputs = new Int32Array(options.batch * window);
    this.targets = new Int32Array(options.batch * window);
  }

  /** One Adam step on a fresh batch; returns its loss before the step (nats per byte). */
  step(): number {
    this.sampler.sample(this.rng, this.options.batch, this.inputs, this.targets);
    this.tape.reset();
    const l = loss(this.tape, this.model, this.inputs, this.targets, this.options.batch);
    this.tape.backward(l);
    clipGradNorm(this.optimiser.params, this.options.clip ?? 1);
    this.optimiser.step();
    const value = l.data[0];
    this.losses.push(value);
    return value;
  }
}
