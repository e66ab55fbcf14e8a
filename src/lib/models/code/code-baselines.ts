/**
 * The two counting baselines the code transformer is measured against, measured the way the
 * transformer will be: bits per character on the held-out files, where a file's bits are the sum
 * of −log₂ P over its UTF-8 bytes (code-bytes.ts) and the total is divided by its characters.
 *
 * The n-gram's order is the one with the fewest bits per character on the validation files; the
 * held-out files are read once, at that order, after the choice.
 */
import { charCount, type CodeSplit } from './code-corpus';
import { utf8Bytes } from './code-bytes';
import { KneserNey, type Discounts } from './kneser-ney';
import { Unigram } from './unigram';

/** Orders the n-gram may take; the validation files pick one. */
export const CANDIDATE_ORDERS: readonly number[] = Array.from({ length: 14 }, (_, i) => i + 3);

export const UNIGRAM_SMOOTHING = 'add-one (Laplace) over the 256 byte values';
export const NGRAM_SMOOTHING =
  'interpolated modified Kneser–Ney (Chen & Goodman 1998): discounts D1, D2, D3+ per order from count-of-counts, raw counts at the top order and continuation counts below, uniform over 256 bytes at the bottom';

/** One split's size. */
export interface SplitSize {
  files: number;
  chars: number;
  bytes: number;
}

/** What static/models/code-baselines.json records. */
export interface CodeBaselines {
  vocabulary: string;
  splits: Record<CodeSplit, SplitSize>;
  unigramSmoothing: string;
  unigramValidationBpc: number;
  unigramBpc: number;
  ngramSmoothing: string;
  /** Validation bits per character at each candidate order (key: the order). */
  ngramValidationBpc: Record<string, number>;
  ngramOrder: number;
  /** Held-out bits per character at ngramOrder. */
  ngramBpc: number;
  /** The n-gram's size at the chosen order: the byte strings of 1 … ngramOrder bytes it stores (the file-start mark among them). */
  ngramStrings: number;
  /** The discounts at the chosen order: `top` for its own n-grams, `lower[m]` for m-byte strings below it. */
  ngramDiscounts: { top: Discounts; lower: Record<string, Discounts> };
}

export const VOCABULARY = 'UTF-8 bytes (256 symbols); bits per character = bits of a file’s bytes / its Unicode code points';

/** A file as the baselines read it. */
export interface EncodedFile {
  bytes: Uint8Array;
  chars: number;
}

export const encodeFiles = (texts: string[]): EncodedFile[] => texts.map((t) => ({ bytes: utf8Bytes(t), chars: charCount(t) }));

const sizeOf = (files: EncodedFile[]): SplitSize => ({
  files: files.length,
  chars: files.reduce((n, f) => n + f.chars, 0),
  bytes: files.reduce((n, f) => n + f.bytes.length, 0)
});

/** Bits per character of some files under a model that gives each file's total bits. */
export function bitsPerChar(files: EncodedFile[], bits: (bytes: Uint8Array) => number): number {
  let sum = 0, chars = 0;
  for (const f of files) {
    sum += bits(f.bytes);
    chars += f.chars;
  }
  return sum / chars;
}

/** The n-gram's validation bits per character at several orders, read in one pass. */
export function validationByOrder(model: KneserNey, files: EncodedFile[], orders: readonly number[]): number[] {
  const sums = new Float64Array(orders.length);
  let chars = 0;
  for (const f of files) {
    const bits = model.fileBits(f.bytes, orders);
    for (let j = 0; j < orders.length; j++) sums[j] += bits[j];
    chars += f.chars;
  }
  return [...sums].map((s) => s / chars);
}

/** The order with the lowest validation bits per character (the smaller order on a tie). */
export function chooseOrder(orders: readonly number[], bpc: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < orders.length; j++) if (bpc[j] < bpc[best]) best = j;
  return orders[best];
}

/** How many strings of 1 … order symbols the model's counts hold. */
export function stringsUpTo(model: KneserNey, order: number): number {
  let n = 0;
  for (let id = 1; id < model.trie.size; id++) if (model.trie.depth[id] <= order) n++;
  return n;
}

/** Both baselines, trained on the train texts, order chosen on validation, measured on held-out. */
export function measureBaselines(texts: Record<CodeSplit, string[]>, orders: readonly number[] = CANDIDATE_ORDERS): CodeBaselines {
  const train = encodeFiles(texts.train), validation = encodeFiles(texts.validation), heldout = encodeFiles(texts.heldout);
  const unigram = new Unigram(train.map((f) => f.bytes));
  const ngram = new KneserNey(train.map((f) => f.bytes), Math.max(...orders));
  const byOrder = validationByOrder(ngram, validation, orders);
  const order = chooseOrder(orders, byOrder);
  const lower: Record<string, Discounts> = {};
  for (let m = 1; m < order; m++) lower[m] = ngram.lowDiscounts[m];
  return {
    vocabulary: VOCABULARY,
    splits: { train: sizeOf(train), validation: sizeOf(validation), heldout: sizeOf(heldout) },
    unigramSmoothing: UNIGRAM_SMOOTHING,
    unigramValidationBpc: bitsPerChar(validation, (b) => unigram.fileBits(b)),
    unigramBpc: bitsPerChar(heldout, (b) => unigram.fileBits(b)),
    ngramSmoothing: NGRAM_SMOOTHING,
    ngramValidationBpc: Object.fromEntries(orders.map((o, j) => [String(o), byOrder[j]])),
    ngramOrder: order,
    ngramBpc: bitsPerChar(heldout, (b) => ngram.fileBits(b, [order])[0]),
    ngramStrings: stringsUpTo(ngram, order),
    ngramDiscounts: { top: ngram.rawDiscounts[order], lower }
  };
}
