/**
 * The worker side of the training protocol: owns the play / pause / step state, trains in time
 * slices of a few milliseconds (so commands are heard within a slice), and never lets a NaN loss
 * reach the page: a diverging run stops and says so.
 */
import type { Trainer } from '$lib/models/trainer';
import type { FromWorker, ToWorker, WorkerReport } from './protocol';

export interface LoopOptions {
  /** Milliseconds of training between looks at the message queue. */
  sliceMs?: number;
  /** Minimum milliseconds between progress messages. */
  reportMs?: number;
  now?: () => number;
  /** How to yield to the event loop between slices (a worker: setTimeout 0). */
  defer?: (fn: () => void) => void;
  /** The engine's thread count, reported with progress (workers that start threads pass threadCount). */
  threads?: () => number;
}

export class TrainingLoop<C, S> {
  private running = false;
  private stepCount = 0;
  private lastLoss = NaN;
  private lastReport = -Infinity;
  private rate = 0;
  private scheduled = false;
  /** The run of the last reset heard (see FromWorker). */
  private run = 0;
  private readonly sliceMs: number;
  private readonly reportMs: number;
  private readonly now: () => number;
  private readonly defer: (fn: () => void) => void;
  private readonly threads?: () => number;

  constructor(
    private readonly trainer: Trainer<C, S>,
    private readonly send: (msg: FromWorker<S>) => void,
    opts: LoopOptions = {}
  ) {
    this.sliceMs = opts.sliceMs ?? 12;
    this.reportMs = opts.reportMs ?? 100;
    this.now = opts.now ?? (() => performance.now());
    this.defer = opts.defer ?? ((fn) => setTimeout(fn, 0));
    this.threads = opts.threads;
  }

  handle(msg: ToWorker<C>): void {
    try {
      switch (msg.type) {
        case 'reset':
          this.run = msg.run ?? this.run + 1;
          this.running = false;
          this.stepCount = 0;
          this.rate = 0;
          this.trainer.reset(msg.config);
          this.lastLoss = NaN;
          this.report(true);
          break;
        case 'configure':
          this.trainer.configure(msg.patch);
          break;
        case 'play':
          this.running = true;
          this.schedule();
          break;
        case 'pause':
          this.running = false;
          this.rate = 0;
          this.report(true);
          break;
        case 'step':
          this.running = false;
          this.rate = 0;
          for (let i = 0; i < msg.count && this.advance(); i++);
          this.report(true);
          break;
      }
    } catch (e) {
      this.running = false;
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private post(msg: WorkerReport<S>) {
    this.send({ ...msg, run: this.run });
  }

  /** One step; false (and a stop message) when the loss is no longer a finite number. */
  private advance(): boolean {
    const loss = this.trainer.step();
    this.stepCount++;
    if (!Number.isFinite(loss)) {
      this.running = false;
      this.post({
        type: 'stopped',
        reason: 'diverged',
        message: 'The loss blew up to infinity: the steps were too large. Lower the learning rate and reset.'
      });
      return false;
    }
    this.lastLoss = loss;
    if (this.trainer.finished?.()) {
      this.running = false;
      this.report(true);
      this.post({ type: 'stopped', reason: 'finished', message: 'Training finished.' });
      return false;
    }
    return true;
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.slice();
    });
  }

  private slice() {
    if (!this.running) return;
    const start = this.now();
    let steps = 0;
    try {
      while (this.running && this.now() - start < this.sliceMs) {
        if (!this.advance()) break;
        steps++;
      }
    } catch (e) {
      this.running = false;
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const elapsed = this.now() - start;
    if (elapsed > 0 && steps > 0) {
      const instant = (steps / elapsed) * 1000;
      this.rate = this.rate ? 0.8 * this.rate + 0.2 * instant : instant;
    }
    this.report(false);
    if (this.running) this.schedule();
  }

  private report(force: boolean) {
    const t = this.now();
    if (!force && t - this.lastReport < this.reportMs) return;
    this.lastReport = t;
    this.post({
      type: 'progress',
      step: this.stepCount,
      loss: this.lastLoss,
      stepsPerSecond: this.running ? this.rate : 0,
      running: this.running,
      snapshot: this.trainer.snapshot(),
      ...(this.threads ? { threads: this.threads() } : {})
    });
  }
}

/** Wire a trainer to the worker's global scope: `serve(new MyTrainer())` is a whole worker file. */
export function serve<C, S>(trainer: Trainer<C, S>, opts: LoopOptions = {}): void {
  const scope = globalThis as unknown as {
    postMessage(m: unknown): void;
    onmessage: ((e: MessageEvent) => void) | null;
  };
  const loop = new TrainingLoop<C, S>(trainer, (m) => scope.postMessage(m), opts);
  scope.onmessage = (e: MessageEvent<ToWorker<C>>) => loop.handle(e.data);
}
