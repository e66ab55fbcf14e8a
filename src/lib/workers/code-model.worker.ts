/// <reference lib="webworker" />
/**
 * Figure 12b's worker: holds the shipped code transformer, writes with it and opens up its heads
 * (protocol: code-model-protocol.ts). Writing takes one forward pass a byte, up to a tenth of a
 * second each on a slow machine, so it goes in slices of about SLICE_MS: after each slice the
 * characters written are posted and the worker yields to its message queue, where a `stop` or a
 * newer `write` may be waiting. Yielding is setTimeout(0), as on the training loop (loop.ts):
 * browsers hold nested timeouts back by 4 ms, little next to a 30 ms slice, and unlike a message
 * to itself (a MessageChannel, which Node drains up to a thousand at a time) it lets every
 * message waiting be heard first, wherever the script runs.
 */
import { codeModelFromSafetensors } from '$lib/models/code/code-model-file';
import { headAttention, headProjections } from '$lib/models/code/code-head-attention';
import { bracketHeads } from '$lib/models/code/bracket-heads';
import { parameterCount, type CodeTransformer } from '$lib/models/code/code-transformer';
import { CodeWriter, type WrittenChar } from '$lib/models/code/code-writer';
import type { CodeModelReply, CodeModelRequest } from './code-model-protocol';

const scope = globalThis as unknown as {
  postMessage(m: CodeModelReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<CodeModelRequest>) => void) | null;
};

/** Milliseconds of writing between two looks at the message queue (a character may take longer: it is never split). */
const SLICE_MS = 30;

let model: CodeTransformer | null = null;
/** The writing in progress: the newest `write` heard, until it finishes or is stopped. */
let job: { id: number; writer: CodeWriter; left: number } | null = null;

const yieldThenWrite = () => setTimeout(() => guarded(writeSlice), 0);

function loaded(): CodeTransformer {
  if (!model) throw new Error('the code model is not loaded yet');
  return model;
}

function writeSlice() {
  const current = job;
  if (!current) return;
  const chars: WrittenChar[] = [];
  const start = performance.now();
  while (current.left > 0 && performance.now() - start < SLICE_MS) {
    chars.push(current.writer.next());
    current.left--;
  }
  scope.postMessage({ type: 'written', id: current.id, chars });
  if (current.left > 0) yieldThenWrite();
  else {
    job = null;
    scope.postMessage({ type: 'done', id: current.id, reason: 'finished' });
  }
}

/** Ends the writing in progress, if any, saying so. */
function stopWriting() {
  if (job) scope.postMessage({ type: 'done', id: job.id, reason: 'stopped' });
  job = null;
}

function handle(msg: CodeModelRequest) {
  switch (msg.type) {
    case 'load': {
      stopWriting();
      const m = (model = codeModelFromSafetensors(msg.weights));
      const { context, layers, heads, dModel } = m.config;
      scope.postMessage({ type: 'ready', parameters: parameterCount(m), context, layers, heads, dModel });
      break;
    }
    case 'write':
      stopWriting();
      job = { id: msg.id, writer: new CodeWriter(loaded(), msg.prompt, msg.decoding), left: Math.max(0, Math.floor(msg.chars)) };
      yieldThenWrite();
      break;
    case 'stop':
      if (job?.id === msg.id) stopWriting();
      break;
    case 'attention': {
      const m = loaded();
      const { labels, weights } = headAttention(m, msg.text, msg.layer, msg.head);
      const { wq, wk, wv, dModel, headDim } = headProjections(m, msg.layer, msg.head);
      const brackets = bracketHeads(m, msg.text);
      scope.postMessage({ type: 'attention', id: msg.id, labels, weights, wq, wk, wv, dModel, headDim, brackets }, [weights.buffer, wq.buffer, wk.buffer, wv.buffer]);
      break;
    }
  }
}

/** Runs a piece of work; a failure ends any writing and is reported, never left uncaught. */
function guarded(work: () => void) {
  try {
    work();
  } catch (err) {
    job = null;
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => guarded(() => handle(e.data));
