/**
 * The shipped code model as files: static/models/code-model.safetensors (the weights, its
 * configuration in the metadata "config") and static/models/code-model-metrics.json, both
 * written by scripts/train-code-model.ts. Bytes in, model out: the page fetches, this reads.
 */
import { decodeSafetensors, loadParams } from '$lib/engine';
import { createCodeTransformer, parameters, type CodeTransformer, type CodeTransformerConfig } from './code-transformer';

/** A model rebuilt from the weights file; its size is the one the file's metadata records. */
export function codeModelFromSafetensors(bytes: Uint8Array): CodeTransformer {
  const config = configOf(bytes);
  const model = createCodeTransformer(config, 0);
  loadParams(bytes, parameters(model));
  return model;
}

/** The metadata's "config" (the training script writes the model's configuration there). */
function configOf(bytes: Uint8Array): CodeTransformerConfig {
  const text = decodeSafetensors(bytes).metadata.config;
  if (!text) throw new Error('the code model file has no "config" in its metadata');
  const c = JSON.parse(text) as CodeTransformerConfig;
  for (const key of ['context', 'dModel', 'heads', 'layers', 'hidden'] as const) {
    if (!Number.isInteger(c[key]) || c[key] < 1) throw new Error(`the code model file's config has no valid ${key}`);
  }
  return c;
}

/** One point of the training run's loss curve (the mean of CURVE_EVERY steps). */
export interface CodeLossPoint {
  step: number;
  seconds: number;
  bitsPerByte: number;
}

/** static/models/code-model-metrics.json, as scripts/train-code-model.ts writes it. */
export interface CodeModelMetrics {
  /** The day it was trained, YYYY-MM-DD. */
  date: string;
  /** The commit the training script ran at. */
  commit: string;
  machine: string;
  config: CodeTransformerConfig;
  parameters: number;
  recipe: {
    seed: number;
    batch: number;
    window: number;
    peakLearningRate: number;
    warmup: number;
    plannedSteps: number;
    floor: number;
    optimiser: string;
    clip: number;
  };
  /** Steps taken (fewer than planned when the time limit stopped the run). */
  steps: number;
  trainSeconds: number;
  /** Characters of the training files. */
  trainChars: number;
  /** Bytes predicted over the whole run: steps × batch × window. */
  tokensSeen: number;
  /** How the held-out figures were measured, in a sentence. */
  evaluation: string;
  heldout: {
    files: number;
    chars: number;
    /** Held-out bits per character of the transformer, the n-gram and the unigram. */
    modelBpc: number;
    ngramBpc: number;
    ngramOrder: number;
    ngramSmoothing: string;
    unigramBpc: number;
    unigramSmoothing: string;
  };
  /** The transformer's bits for each held-out file, in corpus order (rounded to 10⁻³). */
  heldoutBitsPerFile: number[];
  /** Bits per character on a few validation files, looked at during training. */
  validationLooks: { step: number; bpc: number }[];
  lossCurve: CodeLossPoint[];
}
