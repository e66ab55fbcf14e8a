/**
 * The trained network of sections 4 and 5 as it is shipped: static/models/nyc-mlp.safetensors,
 * written by scripts/train-mlp.ts. The file holds the network's seeded random starting knobs
 * ("init.l1.weight" …) and its trained knobs ("l1.weight" …, the names the engine's Linear layers
 * give them), so figure 4b can walk from one to the other; the metadata says how it was trained.
 * Bytes in, network out: the page fetches the file (state/shipped-network.ts).
 */
import { decodeSafetensors, encodeSafetensors, type Tensor } from '$lib/engine';
import { Mlp } from './mlp';

/** Path of the file under static/ (and so under the site's root). */
export const NYC_MLP_PATH = '/models/nyc-mlp.safetensors';
/** Path of the training script's report beside it (read by the tests, not by the page). */
export const NYC_MLP_METRICS_PATH = '/models/nyc-mlp.json';

export interface TrainingRecord {
  seed: number;
  width: number;
  optimizer: string;
  lr: number;
  steps: number;
}

/** The settings scripts/train-mlp.ts trains the shipped network with. */
export const SHIPPED_TRAINING: TrainingRecord = { seed: 1, width: 8, optimizer: 'adam', lr: 0.01, steps: 20_000 };

export interface NycMlp {
  /** The seeded random start. */
  init: Mlp;
  /** The same network after training. */
  trained: Mlp;
  training: TrainingRecord;
}

const INIT = 'init.';

export function encodeNycMlp(init: Mlp, trained: Mlp, training: TrainingRecord): Uint8Array {
  const tensors = new Map<string, Tensor>();
  for (const p of init.parameters()) tensors.set(INIT + p.name, p);
  for (const p of trained.parameters()) tensors.set(p.name!, p);
  const metadata = Object.fromEntries(Object.entries(training).map(([k, v]) => [k, String(v)]));
  return encodeSafetensors(tensors, metadata);
}

export function decodeNycMlp(bytes: Uint8Array): NycMlp {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const number = (key: string) => {
    const v = Number(metadata[key]);
    if (!Number.isFinite(v)) throw new Error(`nyc-mlp: metadata "${key}" is missing or not a number`);
    return v;
  };
  const training: TrainingRecord = {
    seed: number('seed'),
    width: number('width'),
    optimizer: metadata.optimizer ?? '',
    lr: number('lr'),
    steps: number('steps')
  };
  const load = (prefix: string) => {
    const net = new Mlp(training.width, training.seed);
    for (const p of net.parameters()) {
      const t = tensors.get(prefix + p.name);
      if (!t || t.size !== p.size || t.shape.join() !== p.shape.join()) {
        throw new Error(`nyc-mlp: tensor "${prefix}${p.name}" is missing or has the wrong shape`);
      }
      p.data.set(t.data);
    }
    return net;
  };
  return { init: load(INIT), trained: load(''), training };
}
