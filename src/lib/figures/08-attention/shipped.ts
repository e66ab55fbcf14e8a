/**
 * Loads figure 8b's shipped weights (every seed of both wirings, written by
 * `npm run train:attention`) and their metrics file, once per page.
 */
import { base } from '$app/paths';
import { modelFromSafetensors, weightsFile, type AttentionMetrics } from '$lib/models/attention/attention-metrics';
import type { TinyTransformer, Wiring } from '$lib/models/attention/tiny-transformer';

export interface ShippedAttention {
  metrics: AttentionMetrics;
  models: Record<Wiring, Map<number, TinyTransformer>>;
}

let pending: Promise<ShippedAttention> | null = null;

async function fetchBytes(file: string): Promise<Uint8Array> {
  const res = await fetch(`${base}/models/${file}`);
  if (!res.ok) throw new Error(`could not load ${file} (${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(): Promise<ShippedAttention> {
  const res = await fetch(`${base}/models/attention-metrics.json`);
  if (!res.ok) throw new Error(`could not load attention-metrics.json (${res.status})`);
  const metrics: AttentionMetrics = await res.json();
  const models = { binding: new Map(), plain: new Map() } as ShippedAttention['models'];
  await Promise.all(
    (['binding', 'plain'] as const).flatMap((wiring) =>
      metrics.wirings[wiring].seeds.map(async ({ seed }) => {
        models[wiring].set(seed, modelFromSafetensors(await fetchBytes(weightsFile(wiring, seed))));
      })
    )
  );
  return { metrics, models };
}

export function loadShippedAttention(): Promise<ShippedAttention> {
  pending ??= load().catch((e) => {
    pending = null;
    throw e;
  });
  return pending;
}
