/**
 * The contract between a model's training recipe and whatever runs it: the worker loop
 * (src/lib/workers/loop.ts) on the page, or a plain loop in a Node script. It lives with the models
 * because every recipe implements it; the workers only drive it.
 *
 * C: the run's configuration (learning rate, optimiser, seed …), chosen by the figure.
 * S: the snapshot the figure draws (a curve, parameters, filters …), chosen by the trainer.
 */
export interface Trainer<C, S> {
  /** Start over from the configuration (same seed → same run). */
  reset(config: C): void;
  /** Apply a change mid-run (e.g. a new learning rate) without starting over. */
  configure(patch: Partial<C>): void;
  /** One optimisation step; returns the loss before the step's update. */
  step(): number;
  /** What the figure needs to draw now. Called at most a few times a second. */
  snapshot(): S;
  /** Optional: true when the run is complete (e.g. a fixed number of epochs). */
  finished?(): boolean;
}
