/**
 * Loads figure 8b's shipped weights (every seed of both wirings, written by
 * `npm run train:attention`) and their metrics file, once per page.
 */
import { base } from '$app/paths';
import { fetchBytes, fetchJson } from '$lib/data/fetch-bytes';
import { modelFromSafetensors, weightsFile, type AttentionMetrics } from '$lib/models/attention/attention-metrics';
import type { TinyTransformer, Wiring } from '$lib/models/attention/tiny-transformer';
import { loadOnce } from './load-once';

export interface ShippedAttention {
  metrics: AttentionMetrics;
  models: Record<Wiring, Map<number, TinyTransformer>>;
}

const shippedFile = (file: string) => `${base}/models/${file}`;

async function load(): Promise<ShippedAttention> {
  const metrics = await fetchJson<AttentionMetrics>(shippedFile('attention-metrics.json'), 'attention-metrics.json');
  const models = { binding: new Map(), plain: new Map() } as ShippedAttention['models'];
  await Promise.all(
    (['binding', 'plain'] as const).flatMap((wiring) =>
      metrics.wirings[wiring].seeds.map(async ({ seed }) => {
        models[wiring].set(seed, modelFromSafetensors(await fetchBytes(shippedFile(weightsFile(wiring, seed)), weightsFile(wiring, seed))));
      })
    )
  );
  return { metrics, models };
}

export const loadShippedAttention = loadOnce(load);
