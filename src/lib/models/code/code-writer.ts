/**
 * The code transformer writing: given a prompt, it continues it one character (Unicode code point)
 * at a time, and says for each character how likely the model thought it, and which five it
 * weighed most. Figure 12b's worker runs this; the Node tests and the browser test compare
 * `greedyContinuation` on both sides.
 *
 * What the model reads (`readingWindow`): FILE_START, then the UTF-8 bytes of the prompt and of
 * what it has written so far; when that is more than its context (128 symbols), only the last
 * 128, so FILE_START is the first to go and then the oldest bytes. Positions are learnt for 0 …
 * context − 1 only: there is no place for a 129th symbol, so the rest is not read at all.
 *
 * What a character is made of: the model writes bytes. A character outside ASCII takes 2–4 of
 * them, so after a leading byte the writer keeps asking the model until the character is complete
 * (utf8-code-points.ts). The character's probability is the product of its bytes' probabilities;
 * its top five are the first byte's alternatives (a leading byte shown as hex, code-symbol-labels.ts),
 * since that is where the choice between characters was made. When the model writes a byte that
 * cannot come next, the bytes so far become U+FFFD and that byte starts the next character, as
 * TextDecoder would read the same bytes; the writer never throws on what the model writes.
 *
 * Probabilities reported are always the model's own (temperature 1): the temperature changes
 * which byte is drawn, not what the model believed.
 */
import { Rng } from '$lib/engine';
import { BYTE_VOCAB, FILE_START, utf8Bytes } from './code-bytes';
import { read, type CodeTransformer } from './code-transformer';
import { byteLabel } from './code-symbol-labels';
import { REPLACEMENT_CHARACTER, acceptsContinuation, codePointOf, continuationCount } from './utf8-code-points';

/** How the next byte is chosen: the most likely one, or drawn from softmax(logits / temperature) with a seeded generator. */
export type Decoding = { kind: 'greedy' } | { kind: 'sample'; temperature: number; seed: number };

/** One alternative the model weighed for a character. */
export interface Alternative {
  /** How it is shown: code-symbol-labels.ts byteLabel ("a", "↵", "␣", "0xE2"). */
  text: string;
  /** The byte it stands for. */
  byte: number;
  probability: number;
}

export interface WrittenChar {
  /** The character as written (one code point, or U+FFFD for bytes that make none); visibleChar shows it. */
  text: string;
  /** The probability the model gave this character when it wrote it (the product over its bytes). */
  probability: number;
  /** The five bytes it weighed most for this character's first byte, most likely first. */
  top: Alternative[];
}

/**
 * The range of temperatures sampling accepts; others are clamped into it. At 0.1 the most likely
 * byte is already drawn almost always (greedy does that exactly); above 2 the text is mostly noise.
 */
export const TEMPERATURE_RANGE = { min: 0.1, max: 2 } as const;

/** A temperature inside TEMPERATURE_RANGE (a non-number is read as 1). */
export function clampTemperature(t: number): number {
  if (!Number.isFinite(t)) return 1;
  return Math.min(TEMPERATURE_RANGE.max, Math.max(TEMPERATURE_RANGE.min, t));
}

/** What the model reads to predict the byte after a text. */
export interface ReadingWindow {
  /** The symbols read, oldest first: FILE_START (while it fits) and bytes. */
  symbols: Int32Array;
  /** How many of the text's bytes lie before the window, not read (0 when it all fits). */
  unreadBytes: number;
}

/** The last `context` symbols of FILE_START followed by the text's bytes: all the model reads. */
export function readingWindow(text: string | Uint8Array, context: number): ReadingWindow {
  const bytes = typeof text === 'string' ? utf8Bytes(text) : text;
  const all = new Int32Array(bytes.length + 1);
  all[0] = FILE_START;
  all.set(bytes, 1);
  const start = Math.max(0, all.length - context);
  return { symbols: all.subarray(start), unreadBytes: Math.max(0, start - 1) };
}

/** A byte the writer chose, with the model's distribution it was chosen from. */
interface ByteChoice {
  byte: number;
  /** The model's probabilities of the 256 bytes at this place (temperature 1). */
  probabilities: Float64Array;
}

/** The five most probable bytes, most probable first (ties: the lower byte first). */
export function topFive(probabilities: Float64Array): Alternative[] {
  const order = Array.from({ length: probabilities.length }, (_, b) => b);
  order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return order.slice(0, 5).map((byte) => ({ text: byteLabel(byte), byte, probability: probabilities[byte] }));
}

/** softmax(row / temperature), in float64, over the row of 256 logits starting at `offset`. */
function softmaxRow(logits: Float32Array, offset: number, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < BYTE_VOCAB; j++) max = Math.max(max, logits[offset + j]);
  const p = new Float64Array(BYTE_VOCAB);
  let sum = 0;
  for (let j = 0; j < BYTE_VOCAB; j++) sum += p[j] = Math.exp((logits[offset + j] - max) / temperature);
  for (let j = 0; j < BYTE_VOCAB; j++) p[j] /= sum;
  return p;
}

/** The index of the largest value; the lowest index among equals. */
function argmax(values: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

/** One draw from a distribution (u uniform in [0, 1)); the last byte with any weight if rounding leaves u past the end. */
function draw(p: Float64Array, u: number): number {
  let last = 0;
  for (let j = 0, c = 0; j < p.length; j++) {
    if (p[j] === 0) continue;
    c += p[j];
    last = j;
    if (u < c) return j;
  }
  return last;
}

/**
 * Writes after a prompt, a character per `next()`. Each byte is one forward pass over at most
 * `context` symbols (no cache of earlier positions: the window slides once the text is longer
 * than the context, and every position then moves).
 */
export class CodeWriter {
  /** FILE_START, the prompt's bytes, and every byte written so far. */
  private symbols: Int32Array;
  private length: number;
  private readonly rng: Rng | null;
  private readonly temperature: number;
  /** A byte already written that did not fit the character before it: it begins the next one. */
  private pending: ByteChoice | null = null;
  /** Everything written so far. */
  text = '';

  constructor(readonly model: CodeTransformer, prompt: string, decoding: Decoding = { kind: 'greedy' }) {
    const { symbols } = readingWindow(prompt, Infinity);
    this.symbols = new Int32Array(Math.max(256, 2 * symbols.length));
    this.symbols.set(symbols);
    this.length = symbols.length;
    this.rng = decoding.kind === 'sample' ? new Rng(decoding.seed) : null;
    this.temperature = decoding.kind === 'sample' ? clampTemperature(decoding.temperature) : 1;
  }

  /** The next character. */
  next(): WrittenChar {
    const first = this.pending ?? this.chooseByte();
    this.pending = null;
    const top = topFive(first.probabilities);
    const bytes = [first.byte];
    let probability = first.probabilities[first.byte];
    const more = continuationCount(first.byte);
    let text = REPLACEMENT_CHARACTER;
    if (more !== null) {
      for (let i = 1; i <= more; i++) {
        const c = this.chooseByte();
        if (!acceptsContinuation(first.byte, i, c.byte)) {
          this.pending = c;
          break;
        }
        bytes.push(c.byte);
        probability *= c.probabilities[c.byte];
      }
      if (bytes.length === more + 1) text = String.fromCodePoint(codePointOf(bytes));
    }
    this.text += text;
    return { text, probability, top };
  }

  /** Asks the model for the byte after everything so far, and appends it. */
  private chooseByte(): ByteChoice {
    const T = Math.min(this.length, this.model.config.context);
    const logits = read(this.model, this.symbols.subarray(this.length - T, this.length)).logits.data;
    const offset = (T - 1) * BYTE_VOCAB;
    const probabilities = softmaxRow(logits, offset);
    const byte = this.rng
      ? draw(this.temperature === 1 ? probabilities : softmaxRow(logits, offset, this.temperature), this.rng.uniform())
      : argmax(logits, offset, BYTE_VOCAB);
    this.append(byte);
    return { byte, probabilities };
  }

  private append(byte: number) {
    if (this.length === this.symbols.length) {
      const grown = new Int32Array(2 * this.symbols.length);
      grown.set(this.symbols);
      this.symbols = grown;
    }
    this.symbols[this.length++] = byte;
  }
}

/** The first `chars` characters of `decoding`'s continuation of `prompt`, with what the model weighed. */
export function writeContinuation(model: CodeTransformer, prompt: string, chars: number, decoding: Decoding = { kind: 'greedy' }): WrittenChar[] {
  const writer = new CodeWriter(model, prompt, decoding);
  return Array.from({ length: chars }, () => writer.next());
}

/** The greedy continuation's text: the reference the Node tests and the browser test both compare against. */
export function greedyContinuation(model: CodeTransformer, prompt: string, chars: number): string {
  return writeContinuation(model, prompt, chars).map((c) => c.text).join('');
}
