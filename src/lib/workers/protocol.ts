/**
 * One message protocol for every training worker in the lecture (the SIR fit, the live network,
 * the CNN, attention, the indexer). The page sends commands; the worker trains in short slices so
 * it can always hear the next command, and reports progress a few times a second at most.
 *
 * C: the run's configuration (learning rate, optimiser, seed …), chosen by the figure.
 * S: the snapshot the figure draws (a curve, parameters, filters …), chosen by the trainer.
 *
 * What a model offers the loop on the other end is the Trainer of src/lib/models/trainer.ts.
 */
export type ToWorker<C> =
  /** `run` numbers the run this reset starts; the worker stamps it on everything it sends after. */
  | { type: 'reset'; config: C; run?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; count: number }
  | { type: 'configure'; patch: Partial<C> };

export interface Progress<S> {
  type: 'progress';
  step: number;
  loss: number;
  /** Training steps per second over the last slice (0 while paused). */
  stepsPerSecond: number;
  running: boolean;
  snapshot: S;
  /** Threads the worker's engine computes on (threads.ts), for workers that start a pool. */
  threads?: number;
}

/** What a worker reports: its progress, a stop, or a failure. */
export type WorkerReport<S> =
  | Progress<S>
  | { type: 'stopped'; reason: 'diverged' | 'finished'; message: string }
  | { type: 'error'; message: string };

/**
 * A report as sent: stamped with the `run` of the last reset the worker had heard. Replies to
 * commands sent before a reset can still be on their way after it; the page drops them by this
 * number, so an old run's "converged" never ends the new one.
 */
export type FromWorker<S> = WorkerReport<S> & { run: number };
