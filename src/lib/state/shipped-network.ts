/**
 * The trained network every figure of sections 4–6 starts from. For New York's series it is the
 * shipped file (fetched once from the site); for a reader's series it is trained on that series
 * in a worker, with the shipped network's settings (series-network.svelte.ts).
 */
import { asset } from '$app/paths';
import { Mlp } from '$lib/models/mlp/mlp';
import { NYC_MLP_PATH, type NycMlp, decodeNycMlp } from '$lib/models/mlp/nyc-mlp-file';
import { fetchBytes } from '$lib/data/fetch-bytes';
import type { DailySeries } from '$lib/data/daily-series';
import { trainForSeries } from './series-network.svelte';

let shipped: Promise<NycMlp> | null = null;

/** Fetches and decodes the shipped network once per page (every figure shares the download). */
export function loadShippedNetwork(): Promise<NycMlp> {
  shipped ??= fetchBytes(asset(NYC_MLP_PATH), 'the trained network')
    .then(decodeNycMlp)
    .catch((e) => {
      shipped = null; // let a later figure try again
      throw e;
    });
  return shipped;
}

/** The network for a series: New York's shipped one, or one trained on the reader's data. */
export function loadNetwork(series?: DailySeries): Promise<NycMlp> {
  return series?.custom ? trainForSeries(series) : loadShippedNetwork();
}

/** A private copy of the trained network, for a figure that moves some of its knobs. */
export async function trainedCopy(series?: DailySeries): Promise<Mlp> {
  const shipped = await loadNetwork(series);
  const net = new Mlp(shipped.training.width, shipped.training.seed);
  net.setKnobs(shipped.trained.getKnobs());
  return net;
}
