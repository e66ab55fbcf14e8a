/**
 * The code models' vocabulary: the 256 byte values of UTF-8. Every model of issue 20 (unigram,
 * n-gram, transformer) predicts the next byte, so each gives a proper probability to any text at
 * all — no "unknown" symbol whose probability would stand for a whole class of characters, and no
 * vocabulary that depends on the training split. The corpus is ASCII but for about 190 of its
 * 2.5 million characters, so bytes cost almost nothing over characters.
 *
 * Bits per character are still per character (Unicode code point) of the text: a character's bits
 * are the sum over its bytes, and the total is divided by the number of code points (code-corpus.ts
 * charCount), the same for all three models.
 */

/** Symbols a model can predict: byte values 0–255. */
export const BYTE_VOCAB = 256;
/**
 * The start of a file, seen only as context (never predicted): the n-gram counts the first
 * characters of files after it, so "how files begin" is learnt apart from "what follows a newline".
 */
export const FILE_START = 256;

/** Symbols a model can read: the bytes and FILE_START (the transformer's input table has one row each). */
export const INPUT_SYMBOLS = BYTE_VOCAB + 1;

const encoder = new TextEncoder();

/** The text's UTF-8 bytes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}
