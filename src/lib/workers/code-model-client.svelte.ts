/**
 * Figure 12b's client of the code model's worker (code-model.worker.ts): hands it the shipped
 * weights, asks it to write or to open up a head, and keeps what it answers as reactive state.
 * The newest request of each kind wins: a write replaces the one in progress, and replies to an
 * older write or attention request are dropped. When the worker dies, `fault` says why and
 * `start()` (the figure's "Try again") makes a fresh one and loads the same weights into it.
 */
import { RestartableWorker } from './restartable.svelte';
import { codeModelWorker } from './factories';
import { DEFAULT_WRITE_CHARS, type CodeModelReply, type CodeModelRequest, type Decoding, type WrittenChar } from './code-model-protocol';

/** What the loaded model is: its size, as the worker measured it. */
export type CodeModelInfo = Omit<Extract<CodeModelReply, { type: 'ready' }>, 'type'>;
/** One head's attention over a text and its three matrices. */
export type AttentionReply = Extract<CodeModelReply, { type: 'attention' }>;

export class CodeModelClient {
  /** The weights are loaded: the model writes and answers attention requests. */
  ready = $state(false);
  info = $state.raw<CodeModelInfo | null>(null);
  /** A write is in progress. */
  writing = $state(false);
  /** The characters of the newest write so far, with what the model weighed for each. */
  written = $state.raw<WrittenChar[]>([]);
  /** Their text (the figure's `completion` readout). */
  text = $state('');
  /** How the newest write ended: null while it runs (or before any). */
  ended = $state<'finished' | 'stopped' | null>(null);
  /** The newest attention reply. */
  attentionReply = $state.raw<AttentionReply | null>(null);

  private readonly worker: RestartableWorker<CodeModelRequest, CodeModelReply>;
  private weights: Uint8Array | null = null;
  private writeId = 0;
  private attentionId = 0;

  constructor(opts: { onfault?: (fault: string) => void } = {}) {
    this.worker = new RestartableWorker<CodeModelRequest, CodeModelReply>(codeModelWorker, {
      name: "the code model's worker",
      receive: (msg) => this.receive(msg),
      onfault: (fault) => {
        // What the dead worker held (the model, a writing) is gone.
        this.ready = false;
        this.writing = false;
        opts.onfault?.(fault);
      }
    });
  }

  /** A sentence for the reader when the worker has died; empty while it lives. */
  get fault(): string {
    return this.worker.fault;
  }

  /** A fresh worker, given the weights again if it had been given them. False when none could be made. */
  start(): boolean {
    this.ready = false;
    this.writing = false;
    if (!this.worker.start()) return false;
    if (this.weights) this.worker.post({ type: 'load', weights: this.weights });
    return true;
  }

  /** Load the shipped weights (copied to the worker; the caller's bytes stay usable). Starts the worker if needed. */
  load(weights: Uint8Array): void {
    this.weights = weights;
    if (!this.worker.alive) this.start();
    else {
      this.ready = false;
      this.worker.post({ type: 'load', weights });
    }
  }

  /** Continue `prompt` by `chars` characters; replaces any write in progress. */
  write(prompt: string, chars = DEFAULT_WRITE_CHARS, decoding: Decoding = { kind: 'greedy' }): void {
    const id = ++this.writeId;
    this.written = [];
    this.text = '';
    this.ended = null;
    this.writing = true;
    this.worker.post({ type: 'write', id, prompt, chars, decoding });
  }

  /** Stop the write in progress; what it wrote so far stays. */
  stop(): void {
    if (!this.writing) return;
    this.worker.post({ type: 'stop', id: this.writeId });
    this.writing = false;
    this.ended = 'stopped';
  }

  /** Ask where head `head` of layer `layer` looks over `text` (its last `context` symbols). */
  attention(text: string, layer: number, head: number): void {
    this.worker.post({ type: 'attention', id: ++this.attentionId, text, layer, head });
  }

  terminate(): void {
    this.worker.terminate();
    this.ready = false;
    this.writing = false;
  }

  private receive(msg: CodeModelReply) {
    switch (msg.type) {
      case 'ready': {
        const { type: _, ...info } = msg;
        this.info = info;
        this.ready = true;
        break;
      }
      case 'written':
        if (msg.id !== this.writeId || !this.writing) break;
        this.written = [...this.written, ...msg.chars];
        this.text += msg.chars.map((c) => c.text).join('');
        break;
      case 'done':
        if (msg.id !== this.writeId || !this.writing) break;
        this.writing = false;
        this.ended = msg.reason;
        break;
      case 'attention':
        if (msg.id === this.attentionId) this.attentionReply = msg;
        break;
      case 'error':
        this.worker.fail(`could not go on: ${msg.message}`);
        break;
    }
  }
}
