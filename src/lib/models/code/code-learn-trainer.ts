/**
 * Figure 12b's "watch it learn": a smaller copy of the code transformer, from random numbers,
 * trained in the reader's browser for about a minute on the shipped excerpt of the training files
 * (code-learn-text.ts), by the same gradient descent as the shipped model (code-trainer.ts). It
 * reports its loss as it falls and, every few seconds of training, a sample of what it writes
 * after a fixed prompt, so the reader sees noise turn into something shaped like code.
 *
 * Time: "seconds trained" counts only the time spent in training steps (not pauses, not the
 * samples), so the curve's time axis and the minute are the reader's machine's training time.
 */
import type { Trainer } from '../trainer';
import { utf8Bytes } from './code-bytes';
import { splitLearnText } from './code-learn-text';
import { CodeTrainer } from './code-trainer';
import { createCodeTransformer, parameterCount, type CodeTransformer, type CodeTransformerConfig } from './code-transformer';
import { CodeWriter } from './code-writer';

/**
 * Half the shipped model's width, context and depth (84,208 parameters, a sixth): in Node a step of
 * 16 windows takes about 55 ms on one core, so a minute is about 1,100 steps, which bring the loss
 * from 8 bits per byte to about 2.3 (measured 2026-12-04, with the other core busy).
 */
export const LEARN_MODEL_CONFIG: CodeTransformerConfig = { context: 64, dModel: 48, heads: 4, layers: 2, hidden: 192 };

export interface CodeLearnConfig {
  /** Where the excerpt is (static/data/code-learn.txt on the site); the worker reads it. */
  textUrl: string;
  seed: number;
  learningRate: number;
  /** Windows of `model.context` bytes per step. */
  batch: number;
  /** Stop after this many seconds of training. */
  seconds: number;
  model: CodeTransformerConfig;
  /** What the samples continue, and how many characters each writes. */
  samplePrompt: string;
  sampleChars: number;
  /** Seconds of training between two samples. */
  sampleEverySeconds: number;
}

export const DEFAULT_LEARN_CONFIG: Omit<CodeLearnConfig, 'textUrl'> = {
  seed: 1, learningRate: 3e-3, batch: 16, seconds: 60, model: LEARN_MODEL_CONFIG,
  samplePrompt: 'function ', sampleChars: 80, sampleEverySeconds: 3
};

/** Steps averaged into one point of the loss curve (one step's loss is noisy). */
export const CURVE_EVERY = 5;
/** Temperature of the samples: a little below 1, so an early model's text is not pure noise, nor the same byte over and over as greedy would write. */
export const SAMPLE_TEMPERATURE = 0.8;

export interface CodeLearnSnapshot {
  step: number;
  secondsTrained: number;
  /** For the whole run: each point the mean loss of CURVE_EVERY steps, in bits per byte. */
  lossCurve: { step: number; seconds: number; bitsPerByte: number }[];
  /** The newest sample, written by the model as it was at `step`. */
  sample: { step: number; seconds: number; prompt: string; text: string };
  parameters: number;
  /** Bytes of training text (the excerpt). */
  trainBytes: number;
}

/** What the trainer reads the excerpt with: the worker's synchronous loader (the models never fetch). */
export type LoadText = (url: string) => Uint8Array;

export class CodeLearnTrainer implements Trainer<CodeLearnConfig, CodeLearnSnapshot> {
  private config!: CodeLearnConfig;
  private model!: CodeTransformer;
  private trainer!: CodeTrainer;
  private files: Uint8Array[] = [];
  private loadedUrl = '';
  private steps = 0;
  private seconds = 0;
  private window = 0;
  private curve: CodeLearnSnapshot['lossCurve'] = [];
  private sample!: CodeLearnSnapshot['sample'];
  private lastSampleAt = 0;

  constructor(private readonly load: LoadText, private readonly now: () => number = () => performance.now()) {}

  reset(config: CodeLearnConfig): void {
    this.config = { ...config };
    if (config.textUrl !== this.loadedUrl) {
      const text = new TextDecoder().decode(this.load(config.textUrl));
      this.files = splitLearnText(text).map(utf8Bytes);
      this.loadedUrl = config.textUrl;
    }
    this.model = createCodeTransformer(config.model, config.seed);
    // The batches have their own seed so they share no draws with the initial weights.
    this.trainer = new CodeTrainer(this.model, this.files, { batch: config.batch, lr: config.learningRate, seed: config.seed + 1000 });
    this.steps = 0;
    this.seconds = 0;
    this.window = 0;
    this.curve = [];
    this.takeSample();
  }

  configure(patch: Partial<CodeLearnConfig>): void {
    if (patch.learningRate !== undefined) this.trainer.optimiser.lr = this.config.learningRate = patch.learningRate;
    for (const key of ['seconds', 'samplePrompt', 'sampleChars', 'sampleEverySeconds'] as const) {
      if (patch[key] !== undefined) (this.config as unknown as Record<string, unknown>)[key] = patch[key];
    }
  }

  /** One step; returns its loss in bits per byte (before the step's update). */
  step(): number {
    const start = this.now();
    const bits = this.trainer.step() / Math.LN2;
    this.seconds += (this.now() - start) / 1000;
    this.steps++;
    this.window += bits;
    if (this.steps % CURVE_EVERY === 0) {
      this.curve.push({ step: this.steps, seconds: +this.seconds.toFixed(2), bitsPerByte: this.window / CURVE_EVERY });
      this.window = 0;
    }
    if (this.seconds - this.lastSampleAt >= this.config.sampleEverySeconds) this.takeSample();
    return bits;
  }

  finished(): boolean {
    return this.seconds >= this.config.seconds;
  }

  snapshot(): CodeLearnSnapshot {
    return {
      step: this.steps,
      secondsTrained: this.seconds,
      lossCurve: this.curve.slice(),
      sample: this.sample,
      parameters: parameterCount(this.model),
      trainBytes: this.files.reduce((n, f) => n + f.length, 0)
    };
  }

  /** What the model writes now after the prompt (the same seed each time: only the model changes). */
  private takeSample() {
    const { samplePrompt: prompt, sampleChars, seed } = this.config;
    const writer = new CodeWriter(this.model, prompt, { kind: 'sample', temperature: SAMPLE_TEMPERATURE, seed });
    for (let i = 0; i < sampleChars; i++) writer.next();
    this.sample = { step: this.steps, seconds: this.seconds, prompt, text: writer.text };
    this.lastSampleAt = this.seconds;
  }
}
