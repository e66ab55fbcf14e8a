/**
 * Training the tiny transformer on the Winograd corpus: Adam, mini-batches drawn with a seeded
 * generator from the training split, cross-entropy on the noun "it" refers to. The same class runs
 * in `npm run train:attention` (Node) and in figure 8b's worker, so the replay in the page is the
 * same computation as the shipped run, step for step.
 */
import { Adam, Rng, Tape } from '$lib/engine';
import type { Trainer } from '../trainer';
import { createTinyTransformer, forward, loss, parameters, type TinyTransformer, type Wiring } from './tiny-transformer';
import { allSentences, sampleBatch, SENTENCE_LENGTH, IT_POSITION, type Sentence } from './winograd-corpus';

export interface AttentionTrainConfig {
  wiring: Wiring;
  seed: number;
  learningRate: number;
  batchSize: number;
  /** Stop after this many steps. */
  steps: number;
  /** Token lists of the sentences whose "it" rows the snapshot reports (the figure's sentences). */
  probes?: number[][];
}

export const DEFAULT_TRAIN_CONFIG: AttentionTrainConfig = {
  wiring: 'binding', seed: 1, learningRate: 3e-3, batchSize: 256, steps: 600
};

/** What the worker reports: the attention rows of "it" in both layers for the figure's sentences. */
export interface AttentionSnapshot {
  step: number;
  /** For each probe sentence, layer → the 10 weights of the "it" row. */
  itRows: number[][][];
}

export class AttentionTrainer implements Trainer<AttentionTrainConfig, AttentionSnapshot> {
  model!: TinyTransformer;
  private config: AttentionTrainConfig = DEFAULT_TRAIN_CONFIG;
  private optimizer!: Adam;
  private rng!: Rng;
  private stepCount = 0;
  private readonly tape = new Tape({ reuseBuffers: true });
  private readonly train: Sentence[];

  constructor(config: AttentionTrainConfig = DEFAULT_TRAIN_CONFIG) {
    this.train = allSentences().train;
    this.reset(config);
  }

  reset(config: AttentionTrainConfig): void {
    this.config = { ...config };
    this.model = createTinyTransformer(config.wiring, config.seed);
    this.optimizer = new Adam(parameters(this.model), { lr: config.learningRate });
    // The batch stream has its own seed offset so it does not share draws with the initialisation.
    this.rng = new Rng(config.seed + 1000);
    this.stepCount = 0;
  }

  configure(patch: Partial<AttentionTrainConfig>): void {
    if (patch.learningRate !== undefined) {
      this.config.learningRate = patch.learningRate;
      this.optimizer.lr = patch.learningRate;
    }
    if (patch.steps !== undefined) this.config.steps = patch.steps;
    if (patch.probes !== undefined) this.config.probes = patch.probes;
  }

  step(): number {
    const { tokens, answers } = sampleBatch(this.rng, this.train, this.config.batchSize);
    this.tape.reset();
    const l = loss(this.tape, this.model, tokens, answers);
    const value = l.item();
    this.tape.backward(l);
    this.optimizer.step();
    this.stepCount++;
    return value;
  }

  finished(): boolean {
    return this.stepCount >= this.config.steps;
  }

  snapshot(): AttentionSnapshot {
    return { step: this.stepCount, itRows: (this.config.probes ?? []).map((tokens) => itRows(this.model, tokens)) };
  }
}

/** The "it" row of every layer's attention for one sentence. */
export function itRows(model: TinyTransformer, tokens: number[]): number[][] {
  const { layers } = forward(new Tape({ record: false }), model, tokens);
  const T = SENTENCE_LENGTH;
  return layers.map((l) => Array.from(l.weights.data.subarray(IT_POSITION * T, IT_POSITION * T + T)));
}
