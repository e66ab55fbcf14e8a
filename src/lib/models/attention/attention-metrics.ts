/**
 * The numbers `npm run train:attention` writes to static/models/attention-metrics.json, computed
 * the same way the shipped-weights test recomputes them: on every held-out sentence (pairings of a
 * noun and an adjective that no training sentence contains).
 */
import { loadParams } from '$lib/engine';
import { allSentences, batchOf, type Sentence } from './winograd-corpus';
import { createTinyTransformer, evaluate, parameters, type Evaluation, type TinyTransformer, type Wiring } from './tiny-transformer';
import type { AttentionTrainConfig } from './attention-trainer';

export interface SeedMetrics {
  seed: number;
  /** Mean training loss over the run's last steps. */
  finalTrainLoss: number;
  /** On the training sentences (what the selection rule may look at). */
  train: Evaluation;
  /** On the held-out sentences (never used to choose anything). */
  heldOut: Evaluation;
  heldOutSentences: number;
}

export interface AttentionMetrics {
  config: AttentionTrainConfig;
  selectionRule: string;
  wirings: Record<Wiring, { shippedSeed: number; parameters: number; seeds: SeedMetrics[] }>;
}

function evaluateOn(model: TinyTransformer, sentences: Sentence[]): Evaluation {
  const { tokens, answers } = batchOf(sentences);
  return evaluate(model, tokens, answers, sentences.map((s) => s.answerPosition));
}

export function splitEvaluation(model: TinyTransformer): Pick<SeedMetrics, 'train' | 'heldOut' | 'heldOutSentences'> {
  const { train, heldOut } = allSentences();
  return { train: evaluateOn(model, train), heldOut: evaluateOn(model, heldOut), heldOutSentences: heldOut.length };
}

/**
 * The seed figure 8b shows by default, chosen without looking at held-out sentences: the run whose
 * shown head puts more than half of "it"'s weight on the right noun in the most training
 * sentences; ties go to the lower training loss.
 */
export function selectSeed(seeds: readonly SeedMetrics[]): number {
  const better = (a: SeedMetrics, b: SeedMetrics) =>
    b.train.bindingRate > a.train.bindingRate || (b.train.bindingRate === a.train.bindingRate && b.finalTrainLoss < a.finalTrainLoss);
  return seeds.reduce((a, b) => (better(a, b) ? b : a)).seed;
}

export const weightsFile = (wiring: Wiring, seed: number) => `attention-${wiring}-seed${seed}.safetensors`;

/** A model rebuilt from a shipped safetensors file (its wiring and seed are in the metadata). */
export function modelFromSafetensors(bytes: Uint8Array): TinyTransformer {
  const probe = createTinyTransformer('binding', 0);
  const meta = loadParams(bytes, parameters(probe));
  const wiring = meta.wiring === 'plain' ? 'plain' : 'binding';
  return { ...probe, wiring };
}
