/**
 * The page side of the training protocol: a reactive view of a worker's run. Figures read its
 * fields (step, loss, snapshot, history …) and call its methods; the main thread never trains.
 */
import type { FromWorker, ToWorker } from './protocol';
import { RestartableWorker } from './restartable.svelte';
import type { TrainingWorker } from './factories';
import type { RunControl } from '$lib/ui/runner.svelte';

export interface LossPoint {
  step: number;
  loss: number;
}

/** Keep at most this many loss points; older ones are thinned so long runs stay cheap to draw. */
const MAX_HISTORY = 1500;

export class TrainingClient<C, S> implements RunControl {
  step = $state(0);
  loss = $state(NaN);
  stepsPerSecond = $state(0);
  running = $state(false);
  snapshot = $state.raw<S | null>(null);
  /** Threads the worker computes on, as it last reported (1 until it says otherwise). */
  threads = $state(1);
  history = $state.raw<LossPoint[]>([]);
  /** A sentence for the reader when a run stops by itself or fails; empty otherwise. */
  message = $state('');
  failed = $state(false);
  /** The worker itself died (it threw, or its script did not load): `retry()` makes a new one. */
  crashed = $state(false);

  private readonly worker: RestartableWorker<ToWorker<C>, FromWorker<S>>;
  /** The configuration of the last reset with later patches, for `retry()`. */
  private config: C;
  private destroyed = false;
  /** The run the last reset started: messages stamped with an older one are replies from before it. */
  private run = 0;

  /**
   * `onreport`, when given, is called after each report of the current run has been applied (and
   * after the worker died): a figure that paces its run by the worker's replies does it there,
   * as plain code, instead of in an effect.
   */
  constructor(makeWorker: () => TrainingWorker<C, S>, config: C, private readonly onreport?: () => void) {
    this.config = config;
    this.worker = new RestartableWorker(makeWorker, {
      name: 'the training worker',
      receive: (msg) => {
        if (this.receive(msg)) this.onreport?.();
      },
      onfault: (fault) => {
        this.running = false;
        this.stepsPerSecond = 0;
        this.failed = true;
        this.crashed = true;
        this.message = fault;
        this.onreport?.();
      }
    });
    this.reset(config);
  }

  private send(msg: ToWorker<C>) {
    this.worker.post(msg);
  }

  /** Apply a report; false when it belongs to a run before the last reset (and is dropped). */
  private receive(msg: FromWorker<S>): boolean {
    if (msg.run !== this.run) return false;
    if (msg.type === 'progress') {
      this.step = msg.step;
      this.loss = msg.loss;
      this.stepsPerSecond = msg.stepsPerSecond;
      this.running = msg.running;
      this.snapshot = msg.snapshot;
      this.threads = msg.threads ?? 1;
      if (Number.isFinite(msg.loss)) this.record(msg.step, msg.loss);
    } else if (msg.type === 'stopped') {
      this.running = false;
      this.stepsPerSecond = 0;
      this.message = msg.message;
      this.failed = msg.reason === 'diverged';
    } else {
      this.running = false;
      this.failed = true;
      this.message = `Training failed: ${msg.message}`;
    }
    return true;
  }

  private record(step: number, loss: number) {
    const last = this.history.at(-1);
    if (last && last.step >= step) return;
    let next = [...this.history, { step, loss }];
    if (next.length > MAX_HISTORY) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
    this.history = next;
  }

  /** Start over from `config`, with a fresh worker if the last one died. */
  reset(config: C) {
    this.config = $state.snapshot(config) as C;
    this.history = [];
    this.message = '';
    this.failed = false;
    this.crashed = false;
    this.running = false;
    if (this.destroyed) return;
    if (!this.worker.alive && !this.worker.start()) return; // start() has reported why
    this.send({ type: 'reset', config: this.config, run: ++this.run });
  }
  play() {
    if (this.failed) return;
    this.message = '';
    this.running = true;
    this.send({ type: 'play' });
  }
  pause() {
    this.running = false;
    this.send({ type: 'pause' });
  }
  stepBy(count = 1) {
    if (this.failed) return;
    this.send({ type: 'step', count });
  }
  stepOnce() {
    this.stepBy(1);
  }
  configure(patch: Partial<C>) {
    const plain = $state.snapshot(patch) as Partial<C>;
    this.config = { ...this.config, ...plain }; // so that retry() starts from the settings on screen
    this.send({ type: 'configure', patch: plain });
  }
  /** After a crash: a fresh worker, started over from the last reset's configuration. */
  retry() {
    this.reset(this.config);
  }
  destroy() {
    this.destroyed = true;
    this.worker.terminate();
  }
}
