/**
 * The one client of the CNN's inference worker (cnn-inspect.worker.ts), for every part of the page
 * that asks the shipped network about photos: Figure 7b, Figure 9's photo panel, and the
 * predictions of 7a and 7b. It starts the worker with the shipped files, keeps only the newest
 * answer to each kind of request, and tells its owner when the worker dies (then `start()` again
 * is the figure's "Try again").
 *
 * The network's accuracy on the 400 test photos is measured by every fresh worker; the first
 * measurement on the page is kept for all (`testPhotoCounts`), so the predictions never start a
 * worker of their own once a figure has measured, and a figure's measurement answers them.
 */
import { base } from '$app/paths';
import { RestartableWorker } from './restartable.svelte';
import { cnnInspectWorker } from './factories';
import type { InspectReply, InspectRequest } from './cnn-inspect-protocol';

export type Inspection = Extract<InspectReply, { type: 'inspection' }>;
export type Accuracy = Extract<InspectReply, { type: 'accuracy' }>;
export type Decoded = Extract<InspectReply, { type: 'decoded' }>;

export interface InspectorOptions {
  /** The newest inspection (older replies are dropped). */
  onInspection?: (msg: Inspection) => void;
  /** The newest decoded picture of the reader's. */
  onDecoded?: (msg: Decoded) => void;
  /** The worker died; `fault` says why. */
  onfault?: () => void;
}

/** The first accuracy any inspector on the page measured. */
let measured: Accuracy | null = null;
const waitingForMeasure: ((a: Accuracy) => void)[] = [];

export class CnnInspector {
  /** The network is loaded (its first-layer filters came back) and answers inspections. */
  ready = $state(false);
  filters = $state.raw<Float32Array | null>(null);
  accuracy = $state.raw<Accuracy | null>(null);

  private readonly worker: RestartableWorker<InspectRequest, InspectReply>;
  private inspectId = 0;
  private decodeId = 0;

  constructor(private readonly opts: InspectorOptions = {}) {
    this.worker = new RestartableWorker<InspectRequest, InspectReply>(
      cnnInspectWorker,
      {
        name: "the network's worker",
        receive: (msg) => this.receive(msg),
        onfault: () => {
          // What the dead worker held is gone; the owner waits for a fresh one.
          this.ready = false;
          this.filters = null;
          opts.onfault?.();
        }
      }
    );
  }

  /** A sentence for the reader when the worker has died; empty while it lives. */
  get fault(): string {
    return this.worker.fault;
  }
  get alive(): boolean {
    return this.worker.alive;
  }

  /** A fresh worker: it loads the network, reports ready, then measures it on the test photos. */
  start(): boolean {
    this.ready = false;
    if (!this.worker.start()) return false;
    this.worker.post({ type: 'start', weightsUrl: `${base}/models/cnn.safetensors`, testUrl: `${base}/data/cats-dogs-test.bin` });
    return true;
  }

  /** Ask about a photo's pixels (copied); `cls` picks whose saliency, null for the predicted class. */
  inspect(pixels: Uint8Array, cls: number | null): void {
    this.worker.post({ type: 'inspect', id: ++this.inspectId, pixels: pixels.slice(), cls });
  }

  /** Drop any inspection still in flight (the picture it was for is gone). */
  forget(): void {
    this.inspectId++;
  }

  /** Read the reader's file, or a camera frame (handed over, not copied), into 32×32 pixels. */
  decode(what: { file: Blob } | { frame: ImageBitmap }): void {
    const id = ++this.decodeId;
    if ('file' in what) this.worker.post({ type: 'decode', id, file: what.file });
    else this.worker.post({ type: 'frame', id, frame: what.frame }, [what.frame]);
  }

  terminate(): void {
    this.worker.terminate();
    this.ready = false;
  }

  private receive(msg: InspectReply) {
    switch (msg.type) {
      case 'ready':
        this.filters = msg.filters;
        this.ready = true;
        break;
      case 'accuracy':
        this.accuracy = msg;
        if (!measured) {
          measured = msg;
          for (const resolve of waitingForMeasure.splice(0)) resolve(msg);
        }
        break;
      case 'inspection':
        if (msg.id === this.inspectId) this.opts.onInspection?.(msg);
        break;
      case 'decoded':
        if (msg.id === this.decodeId) this.opts.onDecoded?.(msg);
        break;
      case 'error':
        this.worker.fail(`could not run: ${msg.message}`); // e.g. the weights did not download: Try again may help
        break;
    }
  }
}

/**
 * The network's and the hand-written rules' counts on the 400 test photos: the first measurement
 * on the page, or, when no figure has measured yet, one from a worker started for it and ended
 * once it has answered.
 */
export function testPhotoCounts(): Promise<Accuracy> {
  if (measured) return Promise.resolve(measured);
  return new Promise((resolve, reject) => {
    const inspector: CnnInspector = new CnnInspector({ onfault: () => reject(new Error(inspector.fault)) });
    // Whoever measures first answers, this worker or a figure's; this one then ends.
    waitingForMeasure.push((a) => {
      inspector.terminate();
      resolve(a);
    });
    if (!inspector.start()) reject(new Error(inspector.fault));
  });
}
