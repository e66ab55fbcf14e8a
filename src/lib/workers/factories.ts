/**
 * Every worker the page starts, one function per script. Each ties its script to the messages it
 * speaks, so a figure that hands the SIR fit's worker to a client of another trainer's types does
 * not compile. Keep the `new Worker(new URL('./….worker.ts', import.meta.url), { type: 'module' })`
 * form as it is: it is the one Vite recognises to bundle the script as a worker.
 */
import type { AttentionSnapshot, AttentionTrainConfig } from '$lib/models/attention/attention-trainer';
import type { CodeLearnConfig, CodeLearnSnapshot } from '$lib/models/code/code-learn-trainer';
import type { ScratchConfig, ScratchSnapshot } from '$lib/models/cnn/cnn-scratch';
import type { IndexerSnapshot, IndexerTrainConfig } from '$lib/models/indexer/indexer-trainer';
import type { NycTrainConfig, NycTrainSnapshot } from '$lib/models/mlp/nyc-mlp-trainer';
import type { SirFitConfig, SirFitSnapshot } from '$lib/models/sir/sir-fit-trainer';
import type { RulesReply, RulesRequest } from './cat-dog-rules-protocol';
import type { InspectReply, InspectRequest } from './cnn-inspect-protocol';
import type { CodeModelReply, CodeModelRequest } from './code-model-protocol';
import type { FromWorker, ToWorker } from './protocol';
import type { BenchReply, BenchRequest } from './bench-protocol';

declare const speaks: unique symbol;

/** A worker as the page sees it: what it is sent (In) and what it sends back (Out). Types only. */
export type TypedWorker<In, Out> = Worker & { readonly [speaks]: { in: In; out: Out } };

/** A worker running a Trainer on the worker loop (loop.ts): configuration C, snapshots S. */
export type TrainingWorker<C, S> = TypedWorker<ToWorker<C>, FromWorker<S>>;

/** A started worker, given the messages its factory's return type says it speaks. */
const speaking = <W extends TypedWorker<unknown, unknown>>(worker: Worker): W => worker as W;

/** Figure 2c: the SIR fit to New York. */
export const sirFitWorker = (): TrainingWorker<SirFitConfig, SirFitSnapshot> => speaking(new Worker(new URL('./sir-fit.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 5d, and the network trained on a reader's series (sections 4–6). */
export const mlpTrainWorker = (): TrainingWorker<NycTrainConfig, NycTrainSnapshot> => speaking(new Worker(new URL('./mlp-train.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 7a: the hand-written rules measured on every test photo. */
export const catDogRulesWorker = (): TypedWorker<RulesRequest, RulesReply> => speaking(new Worker(new URL('./cat-dog-rules.worker.ts', import.meta.url), { type: 'module' }));

/** Figures 7b and 9: the shipped CNN, asked about photos and a reader's pictures. */
export const cnnInspectWorker = (): TypedWorker<InspectRequest, InspectReply> => speaking(new Worker(new URL('./cnn-inspect.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 7b's "train from scratch". */
export const cnnTrainWorker = (): TrainingWorker<ScratchConfig, ScratchSnapshot> => speaking(new Worker(new URL('./cnn-train.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 8b's training replay. */
export const attentionTrainWorker = (): TrainingWorker<AttentionTrainConfig, AttentionSnapshot> => speaking(new Worker(new URL('./attention-train.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 11: the lightning indexer, evaluated and trained. */
export const indexerTrainWorker = (): TrainingWorker<IndexerTrainConfig, IndexerSnapshot> => speaking(new Worker(new URL('./indexer-train.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 12b: the shipped code model, writing and opened up. */
export const codeModelWorker = (): TypedWorker<CodeModelRequest, CodeModelReply> => speaking(new Worker(new URL('./code-model.worker.ts', import.meta.url), { type: 'module' }));

/** Figure 12b's "watch it learn": a small code model trained from random numbers. */
export const codeLearnWorker = (): TrainingWorker<CodeLearnConfig, CodeLearnSnapshot> => speaking(new Worker(new URL('./code-learn.worker.ts', import.meta.url), { type: 'module' }));

/** The /bench page: the benchmark workloads, and the peers it compares the engine with. */
export const benchWorker = (): TypedWorker<BenchRequest, BenchReply> => speaking(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
