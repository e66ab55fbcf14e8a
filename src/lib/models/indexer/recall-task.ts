/**
 * The long synthetic task of section 11: associative recall among distractors.
 *
 * A sequence of L tokens holds a few key → value pairs ("k v", two adjacent tokens) scattered among
 * distractor tokens. Its last QUERIES tokens repeat some of those keys; at each of them the model
 * must name the value that followed the same key, possibly thousands of tokens back. So every query
 * needs exactly one far-back token (the value after its key), and the rest of the past is noise:
 * the situation in which keeping only a few earlier tokens should cost nothing, if the right ones
 * are kept. (The task is the multi-query associative recall of Arora et al., "Zoology", 2023,
 * with the queries gathered at the end.)
 *
 * Token ids: distractors [0, 32), keys [32, 64), values [64, 96), and one start token (96) that
 * only ever appears as the "previous token" of position 0.
 */
import { Rng } from '$lib/engine';

export const DISTRACTORS = 32;
export const KEYS = 32;
export const VALUES = 32;
export const FIRST_KEY = DISTRACTORS;
export const FIRST_VALUE = DISTRACTORS + KEYS;
export const START = DISTRACTORS + KEYS + VALUES;
/** Embedding rows: every token id plus the start token. */
export const VOCAB = START + 1;

/** Key → value pairs hidden in each sequence (keys distinct within a sequence). */
export const PAIRS = 12;
/** Queries at the end of each sequence (distinct keys, drawn from the pairs). */
export const QUERIES = 8;
/** Shortest sequence that fits the pairs, the queries and some distractors. */
export const MIN_LENGTH = 48;

export interface RecallBatch {
  /** Sequences. */
  batch: number;
  length: number;
  /** [batch × length] token ids, row-major. */
  tokens: Int32Array;
  /** [batch × QUERIES] the answer at each query, as a value index in [0, VALUES). */
  answers: Int32Array;
  /** [batch × QUERIES] position of the one token each query needs: the value after its key. */
  needed: Int32Array;
}

export const isKey = (id: number) => id >= FIRST_KEY && id < FIRST_VALUE;
export const isValue = (id: number) => id >= FIRST_VALUE && id < START;

/** Position of query q (0-based) in a sequence of this length. */
export const queryPosition = (length: number, q: number) => length - QUERIES + q;

/** One sequence of the task, written into `tokens` at `offset`; returns answers and needed positions. */
function makeSequence(rng: Rng, length: number, tokens: Int32Array, offset: number, answers: Int32Array, needed: Int32Array, row: number) {
  const body = length - QUERIES;
  for (let i = 0; i < body; i++) tokens[offset + i] = rng.int(DISTRACTORS);
  // Pair starts are drawn uniformly over the body, redrawing on overlap (pairs are few, the body long).
  const taken = new Uint8Array(body);
  const keys = rng.shuffle(Array.from({ length: KEYS }, (_, i) => i)).slice(0, PAIRS);
  const valueAt: number[] = [];
  const posOf: number[] = [];
  for (let p = 0; p < PAIRS; p++) {
    let s: number;
    do s = rng.int(body - 1);
    while (taken[s] || taken[s + 1]);
    taken[s] = taken[s + 1] = 1;
    const value = rng.int(VALUES);
    tokens[offset + s] = FIRST_KEY + keys[p];
    tokens[offset + s + 1] = FIRST_VALUE + value;
    valueAt.push(value);
    posOf.push(s + 1);
  }
  const asked = rng.shuffle(Array.from({ length: PAIRS }, (_, i) => i)).slice(0, QUERIES);
  for (let q = 0; q < QUERIES; q++) {
    const p = asked[q];
    tokens[offset + body + q] = FIRST_KEY + keys[p];
    answers[row * QUERIES + q] = valueAt[p];
    needed[row * QUERIES + q] = posOf[p];
  }
}

/** `batch` independent sequences of the task, all drawn from `rng` (same seed, same batch). */
export function makeRecallBatch(rng: Rng, batch: number, length: number): RecallBatch {
  if (!Number.isInteger(length) || length < MIN_LENGTH) throw new Error(`recall task: length ${length} is below ${MIN_LENGTH}`);
  const tokens = new Int32Array(batch * length);
  const answers = new Int32Array(batch * QUERIES);
  const needed = new Int32Array(batch * QUERIES);
  for (let b = 0; b < batch; b++) makeSequence(rng, length, tokens, b * length, answers, needed, b);
  return { batch, length, tokens, answers, needed };
}

/** A short readable name for a token: d7, K3, V12. */
export function tokenLabel(id: number): string {
  if (id < FIRST_KEY) return `d${id}`;
  if (id < FIRST_VALUE) return `K${id - FIRST_KEY}`;
  if (id < START) return `V${id - FIRST_VALUE}`;
  return '⟨start⟩';
}
