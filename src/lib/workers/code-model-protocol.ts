/**
 * Messages between figure 12b and the code model's worker (code-model.worker.ts), which holds the
 * shipped code transformer and writes with it, one character at a time, off the main thread.
 *
 * A "character" here is one Unicode code point of the text written: the model reads and writes
 * UTF-8 bytes, so a character outside ASCII is written as 2–4 bytes; its probability is the product
 * of its bytes' probabilities, and its top five are those of its first byte. A WrittenChar's text
 * is the character itself (U+FFFD for bytes that make none); an Alternative's text is already made
 * visible ("↵", "␣", "0xE2"): models/code/code-symbol-labels.ts, whose visibleChar shows a
 * written character the same way.
 */

import type { BracketReading } from '$lib/models/code/bracket-heads';
import type { Decoding, WrittenChar } from '$lib/models/code/code-writer';

// The written characters are the writer's own types (src/lib/models/code/code-writer.ts, which
// documents them); they are repeated here so figure and worker import one file.
export type { Alternative, Decoding, WrittenChar } from '$lib/models/code/code-writer';

/** How many characters a write asks for unless the figure says otherwise (about a screenful of code). */
export const DEFAULT_WRITE_CHARS = 200;

export type CodeModelRequest =
  /** Load the weights (the figure fetched them); the worker answers `ready`. */
  | { type: 'load'; weights: Uint8Array }
  /** Continue `prompt` by `chars` characters; answers `written` as it goes, then `done`. Cancels a writing in progress. */
  | { type: 'write'; id: number; prompt: string; chars: number; decoding: Decoding }
  | { type: 'stop'; id: number }
  /** The attention weights of one head over the last `context` symbols of `text`. */
  | { type: 'attention'; id: number; text: string; layer: number; head: number };

export type CodeModelReply =
  | { type: 'ready'; parameters: number; context: number; layers: number; heads: number; dModel: number }
  | { type: 'written'; id: number; chars: WrittenChar[] }
  | { type: 'done'; id: number; reason: 'finished' | 'stopped' }
  | {
      type: 'attention'; id: number;
      /** The symbols read, as shown: the first may be the file-start mark "␂". */
      labels: string[];
      /** labels.length² row-major: row i is how position i spreads its attention over positions 0 … i (each row sums to 1). */
      weights: Float32Array;
      /** That head's W_Q, W_K, W_V: dModel × headDim each, row-major. */
      wq: Float32Array; wk: Float32Array; wv: Float32Array;
      dModel: number; headDim: number;
      /** Over the same text, every head's weight from before each closing bracket to its opener (bracket-heads.ts). */
      brackets: BracketReading;
    }
  | { type: 'error'; message: string };
