/**
 * Training the lightning indexer against the frozen recall model (the KL warm-up of the
 * DeepSeek-V3.2 report, arXiv:2512.02556), packaged as a Trainer for the worker loop and used as-is
 * by scripts/train-indexer.ts. Each step draws a fresh batch of sequences, runs the frozen model
 * densely (no gradient), and takes one Adam step on KL(model attention ‖ softmax(index scores)).
 */
import { Adam, Rng, Tape, loadParams } from '$lib/engine';
import type { Trainer } from '../trainer';
import { attentionTarget, indexScores, indexerKl, parameters as indexerParameters, initIndexer, type LightningIndexer } from './lightning-indexer';
import { attentionAtQueries, forwardRecall, initRecallModel, parameters as recallModelParameters, type RecallForward, type RecallModel } from './recall-model';
import { QUERIES, makeRecallBatch, type RecallBatch } from './recall-task';
import { evaluateSparse, kGrid, type SparseEvaluation } from './sparse-evaluation';

export interface IndexerTrainConfig {
  /** Seeds the indexer's initialisation and the training batches. */
  seed: number;
  /** Sequence length for training and for the evaluation the snapshots report. */
  length: number;
  /** Sequences per training step. */
  batch: number;
  lr: number;
  /** The frozen main model (safetensors bytes); needed by reset(), not by resetWith(). */
  mainWeights?: Uint8Array;
  /** Start from these indexer weights (safetensors) instead of a fresh random indexer. */
  indexerWeights?: Uint8Array | null;
  /** Sequences in the evaluation each snapshot reports (0: no evaluation). */
  evalSequences?: number;
  evalSeed?: number;
}

export interface IndexerSnapshot {
  length: number;
  /** True when the run started from given indexer weights, false for a fresh random indexer. */
  pretrained: boolean;
  /** Training step the evaluation below was computed at. */
  evalStep: number;
  evaluation: SparseEvaluation | null;
  /** The first evaluation sequence, drawn in the figure: its tokens, needed positions and answers. */
  tokens: Int32Array | null;
  needed: Int32Array | null;
  /** [QUERIES × length] index scores of the first evaluation sequence (masked entries: −1e30). */
  scores: Float32Array | null;
  /** [QUERIES × length] the frozen model's dense attention on the same sequence. */
  attention: Float32Array | null;
}

export class IndexerTrainer implements Trainer<IndexerTrainConfig, IndexerSnapshot> {
  model: RecallModel | null = null;
  indexer: LightningIndexer | null = null;
  private config: IndexerTrainConfig | null = null;
  private rng = new Rng(0);
  private opt: Adam | null = null;
  private tape = new Tape({ reuseBuffers: true });
  private frozen = new Tape({ record: false, reuseBuffers: true });
  private steps = 0;
  private evalData: RecallBatch | null = null;
  private evalDense: RecallForward | null = null;
  private cached: IndexerSnapshot | null = null;
  private lastStepAt = -Infinity;
  private lastEvalAt = -Infinity;

  reset(config: IndexerTrainConfig): void {
    if (!config.mainWeights) throw new Error('IndexerTrainer.reset: the main model weights are missing');
    const model = initRecallModel(new Rng(0));
    loadParams(config.mainWeights, recallModelParameters(model));
    this.resetWith(model, config);
  }

  /** Start over with an already built frozen model (the training script's way in). */
  resetWith(model: RecallModel, config: IndexerTrainConfig): void {
    for (const p of recallModelParameters(model)) p.requiresGrad = false; // frozen: no gradient reaches it
    this.model = model;
    this.config = { ...config };
    this.rng = new Rng(config.seed);
    this.indexer = initIndexer(this.rng.split());
    if (config.indexerWeights) loadParams(config.indexerWeights, indexerParameters(this.indexer));
    this.opt = new Adam(indexerParameters(this.indexer), { lr: config.lr });
    this.tape = new Tape({ reuseBuffers: true });
    this.frozen = new Tape({ record: false, reuseBuffers: true });
    this.steps = 0;
    this.cached = null;
    const n = config.evalSequences ?? 0;
    this.evalData = n > 0 ? makeRecallBatch(new Rng(config.evalSeed ?? 1), n, config.length) : null;
    this.evalDense = this.evalData ? forwardRecall(new Tape({ record: false }), model, this.evalData) : null;
  }

  configure(patch: Partial<IndexerTrainConfig>): void {
    if (!this.config || !this.opt) return;
    if (patch.lr !== undefined && Number.isFinite(patch.lr) && patch.lr > 0) {
      this.config.lr = patch.lr;
      this.opt.lr = patch.lr;
    }
  }

  step(): number {
    const { model, indexer, config, opt } = this;
    if (!model || !indexer || !config || !opt) throw new Error('IndexerTrainer: step before reset');
    const data = makeRecallBatch(this.rng, config.batch, config.length);
    this.frozen.reset();
    const dense = attentionAtQueries(this.frozen, model, data);
    const target = attentionTarget(dense.attention);
    this.tape.reset();
    const kl = indexerKl(this.tape, indexScores(this.tape, indexer, dense.hidden), target);
    const value = kl.item();
    this.tape.backward(kl);
    opt.step();
    this.steps++;
    this.lastStepAt = performance.now();
    return value;
  }

  snapshot(): IndexerSnapshot {
    const { model, indexer, config, evalData, evalDense } = this;
    // Evaluating takes several training steps' time: while steps are streaming in, re-evaluate at
    // most once a second (the snapshot says which step its numbers are from); once training rests,
    // the next snapshot is always current.
    const now = performance.now();
    const streaming = now - this.lastStepAt < 50 && now - this.lastEvalAt < 1000;
    if (this.cached && (this.cached.evalStep === this.steps || streaming)) return this.cached;
    this.lastEvalAt = now;
    if (!model || !indexer || !config || !evalData || !evalDense) {
      return { length: config?.length ?? 0, pretrained: !!config?.indexerWeights, evalStep: this.steps, evaluation: null, tokens: null, needed: null, scores: null, attention: null };
    }
    const L = config.length;
    const all = indexScores(new Tape({ record: false }), indexer, evalDense.hidden).data;
    const evaluation = evaluateSparse(model, indexer, evalData, evalDense, kGrid(L), all);
    // The drawn sequence is the first of the evaluation batch: the first QUERIES rows.
    this.cached = {
      length: L,
      pretrained: !!config.indexerWeights,
      evalStep: this.steps,
      evaluation,
      tokens: evalData.tokens.slice(0, L),
      needed: evalData.needed.slice(0, QUERIES),
      scores: all.slice(0, QUERIES * L),
      attention: evalDense.attention.data.slice(0, QUERIES * L)
    };
    return this.cached;
  }
}
