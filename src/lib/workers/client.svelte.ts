/**
 * The page side of the training protocol: a reactive view of a worker's run. Figures read its
 * fields (step, loss, snapshot, history …) and call its methods; the main thread never trains.
 */
import type { FromWorker, ToWorker } from './protocol';

export interface LossPoint {
  step: number;
  loss: number;
}

/** Keep at most this many loss points; older ones are thinned so long runs stay cheap to draw. */
const MAX_HISTORY = 1500;

export class TrainingClient<C, S> {
  step = $state(0);
  loss = $state(NaN);
  stepsPerSecond = $state(0);
  running = $state(false);
  snapshot = $state.raw<S | null>(null);
  history = $state.raw<LossPoint[]>([]);
  /** A sentence for the reader when a run stops by itself or fails; empty otherwise. */
  message = $state('');
  failed = $state(false);

  private worker: Worker;

  constructor(makeWorker: () => Worker, config: C) {
    this.worker = makeWorker();
    this.worker.onmessage = (e: MessageEvent<FromWorker<S>>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.running = false;
      this.failed = true;
      this.message = 'The training worker stopped with an error. Reset to try again.';
    };
    this.reset(config);
  }

  private send(msg: ToWorker<C>) {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker<S>) {
    if (msg.type === 'progress') {
      this.step = msg.step;
      this.loss = msg.loss;
      this.stepsPerSecond = msg.stepsPerSecond;
      this.running = msg.running;
      this.snapshot = msg.snapshot;
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
  }

  private record(step: number, loss: number) {
    const last = this.history.at(-1);
    if (last && last.step >= step) return;
    let next = [...this.history, { step, loss }];
    if (next.length > MAX_HISTORY) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
    this.history = next;
  }

  reset(config: C) {
    this.history = [];
    this.message = '';
    this.failed = false;
    this.running = false;
    this.send({ type: 'reset', config: $state.snapshot(config) as C });
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
  configure(patch: Partial<C>) {
    this.send({ type: 'configure', patch: $state.snapshot(patch) as Partial<C> });
  }
  destroy() {
    this.worker.terminate();
  }
}
