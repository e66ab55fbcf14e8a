/**
 * Every worker the page starts, one function per script. Each ties its script to the messages it
 * speaks, so a figure that hands the SIR fit's worker to a client of another trainer's types does
 * not compile. Keep the `new Worker(new URL('./….worker.ts', import.meta.url), { type: 'module' })`
 * form as it is: it is the one Vite recognises to bundle the script as a worker.
 */
import type { AttentionSnapshot, AttentionTrainConfig } from '$lib/models/attention/attention-trainer';
import type { ScratchConfig, ScratchSnapshot } from '$lib/models/cnn/cnn-scratch';
import type { IndexerSnapshot, IndexerTrainConfig } from '$lib/models/indexer/indexer-trainer';
import type { NycTrainConfig, NycTrainSnapshot } from '$lib/models/mlp/nyc-mlp-trainer';
import type { SirFitConfig, SirFitSnapshot } from '$lib/models/sir/sir-fit-trainer';
import type { RulesReply, RulesRequest } from './cat-dog-rules-protocol';
import type { InspectReply, InspectRequest } from './cnn-inspect-protocol';
import type { FromWorker, ToWorker } from './protocol';

declare const speaks: unique symbol;

/** A worker as the page sees it: what it is sent (In) and what it sends back (Out). Types only. */
export type TypedWorker<In, Out> = Worker & { readonly [speaks]: { in: In; out: Out } };

/** A worker running a Trainer on the worker loop (loop.ts): configuration C, snapshots S. */
export type TrainingWorker<C, S> = TypedWorker<ToWorker<C>, FromWorker<S>>;

/** Figure 2c: the SIR fit to New York. */
export function sirFitWorker(): TrainingWorker<SirFitConfig, SirFitSnapshot> {
  return new Worker(new URL('./sir-fit.worker.ts', import.meta.url), { type: 'module' }) as TrainingWorker<SirFitConfig, SirFitSnapshot>;
}

/** Figure 5d, and the network trained on a reader's series (sections 4–6). */
export function mlpTrainWorker(): TrainingWorker<NycTrainConfig, NycTrainSnapshot> {
  return new Worker(new URL('./mlp-train.worker.ts', import.meta.url), { type: 'module' }) as TrainingWorker<NycTrainConfig, NycTrainSnapshot>;
}

/** Figure 7a: the hand-written rules measured on every test photo. */
export function catDogRulesWorker(): TypedWorker<RulesRequest, RulesReply> {
  return new Worker(new URL('./cat-dog-rules.worker.ts', import.meta.url), { type: 'module' }) as TypedWorker<RulesRequest, RulesReply>;
}

/** Figures 7b and 9: the shipped CNN, asked about photos and a reader's pictures. */
export function cnnInspectWorker(): TypedWorker<InspectRequest, InspectReply> {
  return new Worker(new URL('./cnn-inspect.worker.ts', import.meta.url), { type: 'module' }) as TypedWorker<InspectRequest, InspectReply>;
}

/** Figure 7b's "train from scratch". */
export function cnnTrainWorker(): TrainingWorker<ScratchConfig, ScratchSnapshot> {
  return new Worker(new URL('./cnn-train.worker.ts', import.meta.url), { type: 'module' }) as TrainingWorker<ScratchConfig, ScratchSnapshot>;
}

/** Figure 8b's training replay. */
export function attentionTrainWorker(): TrainingWorker<AttentionTrainConfig, AttentionSnapshot> {
  return new Worker(new URL('./attention-train.worker.ts', import.meta.url), { type: 'module' }) as TrainingWorker<AttentionTrainConfig, AttentionSnapshot>;
}

/** Figure 11: the lightning indexer, evaluated and trained. */
export function indexerTrainWorker(): TrainingWorker<IndexerTrainConfig, IndexerSnapshot> {
  return new Worker(new URL('./indexer-train.worker.ts', import.meta.url), { type: 'module' }) as TrainingWorker<IndexerTrainConfig, IndexerSnapshot>;
}
