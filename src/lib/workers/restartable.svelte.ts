/**
 * A worker that can die and be replaced. A worker whose script fails to load, or that throws an
 * error it does not catch, is finished as far as the page can tell: whatever it was doing is lost,
 * and messages posted to it go nowhere. So on the first sign of that it is terminated, `fault`
 * says what happened in a sentence for the reader, and `start()` (behind a "Try again" button)
 * makes a fresh one from the same script. Every figure that owns a worker goes through here.
 */
import type { TypedWorker } from './factories';

export interface RestartableOptions<Out> {
  /** Every message the live worker sends. */
  receive: (msg: Out) => void;
  /** Called once when the worker dies, after `fault` is set. */
  onfault?: (fault: string) => void;
  /** What the reader knows this worker as, e.g. "the network's worker". */
  name: string;
}

export class RestartableWorker<In, Out> {
  /** A sentence for the reader when the worker has died; empty while it lives. */
  fault = $state('');
  private worker: Worker | null = null;

  constructor(
    private readonly make: () => TypedWorker<In, Out>,
    private readonly opts: RestartableOptions<Out>
  ) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  /** A fresh worker (the old one, if any, is terminated). False when none could be made. */
  start(): boolean {
    this.terminate();
    this.fault = '';
    let w: Worker;
    try {
      w = this.make();
    } catch (e) {
      this.die(`could not start in this browser (${e instanceof Error ? e.message : String(e)})`);
      return false;
    }
    // Events of a worker already replaced are ignored: only the current one speaks for the figure.
    w.onmessage = (e: MessageEvent<Out>) => {
      if (this.worker === w) this.opts.receive(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault(); // handled here: the reader gets a sentence, the console no uncaught error
      if (this.worker !== w) return;
      // An error thrown inside the worker comes with a message; a script that did not load, without.
      const detail = e instanceof ErrorEvent && e.message ? `stopped with an error (${e.message})` : 'could not be loaded';
      this.die(detail);
    };
    w.onmessageerror = () => {
      if (this.worker === w) this.die('sent a message the page could not read');
    };
    this.worker = w;
    return true;
  }

  post(msg: In, transfer: Transferable[] = []): void {
    this.worker?.postMessage(msg, transfer);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Give up on the worker from the page's side (it reported it cannot go on): as if it had died. */
  fail(detail: string): void {
    if (this.worker) this.die(detail);
  }

  private die(detail: string) {
    this.terminate();
    this.fault = `${this.opts.name[0].toUpperCase()}${this.opts.name.slice(1)} ${detail}.`;
    this.opts.onfault?.(this.fault);
  }
}
