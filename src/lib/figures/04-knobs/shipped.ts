/** The trained network every figure of sections 4–6 starts from, fetched once from the site. */
import { asset } from '$app/paths';
import { Mlp } from '$lib/models/mlp';
import { NYC_MLP_PATH, type NycMlp, fetchNycMlp } from '$lib/models/nyc-mlp-file';

export function loadShippedNetwork(): Promise<NycMlp> {
  return fetchNycMlp(asset(NYC_MLP_PATH));
}

/** A private copy of the trained network, for a figure that moves some of its knobs. */
export async function trainedCopy(): Promise<Mlp> {
  const shipped = await loadShippedNetwork();
  const net = new Mlp(shipped.training.width, shipped.training.seed);
  net.setKnobs(shipped.trained.getKnobs());
  return net;
}
