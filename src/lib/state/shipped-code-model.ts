/**
 * Figure 12b's shipped files, loaded once per page through the lecture's one loader: the code
 * model's weights (handed to its worker, which builds the model: workers/code-model-client.svelte.ts)
 * and its metrics file (the figure quotes the size, the training run and the held-out figures).
 * Nothing is fetched until a figure asks, so the first load of the page does not carry the weights.
 */
import { base } from '$app/paths';
import { fetchBytes, fetchJson } from '$lib/data/fetch-bytes';
import type { CodeModelMetrics } from '$lib/models/code/code-model-file';
import { loadOnce } from './load-once';

export interface ShippedCodeModel {
  /** static/models/code-model.safetensors, as bytes. */
  weights: Uint8Array;
  metrics: CodeModelMetrics;
}

/** The metrics alone (the prediction before figure 12b answers from them, without the weights). */
export const loadShippedCodeMetrics = loadOnce(() => fetchJson<CodeModelMetrics>(`${base}/models/code-model-metrics.json`, 'code-model-metrics.json'));

/** The weights and the metrics; a failed load is forgotten, so the next call tries again. */
export const loadShippedCodeModel = loadOnce(async (): Promise<ShippedCodeModel> => {
  const [weights, metrics] = await Promise.all([
    fetchBytes(`${base}/models/code-model.safetensors`, 'the code model (code-model.safetensors)'),
    loadShippedCodeMetrics()
  ]);
  return { weights, metrics };
});
