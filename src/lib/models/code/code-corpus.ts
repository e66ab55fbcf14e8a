/**
 * The code corpus of issue 20: which source files of our own dependencies the code model reads,
 * and which of them it trains on, tunes on, or is judged on. Pure rules on (path, text) pairs; the
 * files themselves are read from node_modules by scripts/code-corpus-source.ts.
 *
 * A file is kept when its package's licence is permissive, it is JavaScript or TypeScript, and it
 * reads like something a person wrote: not minified (no very long lines), not marked as generated,
 * not huge (one big file would otherwise weigh too much in whichever split it falls in).
 *
 * The split is by whole files, decided by a hash of the file's name alone, so that it never depends
 * on which other files exist, their order, or their content: a held-out file stays held out when a
 * package version or the set of packages changes.
 */

/** The three splits: train (the models count / descend on it), validation (the n-gram's order is
 * chosen on it), heldout (the bits per character the page reports; nothing is chosen on it). */
export type CodeSplit = 'train' | 'validation' | 'heldout';
export const CODE_SPLITS: readonly CodeSplit[] = ['train', 'validation', 'heldout'];

/** Licences (SPDX ids, as package.json writes them) whose code we may copy into training text. */
export const PERMISSIVE_LICENCES: readonly string[] = ['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause'];

/** The packages whose sources make the corpus, and the folder of each that holds the readable sources. */
export const CORPUS_PACKAGES: readonly { name: string; folder: string }[] = [
  { name: 'svelte', folder: 'src' },
  { name: '@sveltejs/kit', folder: 'src' }
];

/** Files larger than this are left out (bytes of UTF-8). */
export const MAX_FILE_BYTES = 64 * 1024;
/** A line longer than this marks a file as minified or as packed data, not as code a person writes
 * (hand-written lines, even long doc comments, stay well under it). */
export const MAX_LINE_CHARS = 1000;
/**
 * A table copied in from elsewhere (the HTML entity lists): most lines one `key: literal,` entry.
 * It would teach a model a list of names and many characters that code otherwise never uses.
 */
const TABLE_ENTRY = /^\s*(?:[\w$]+|'[^']*'|"[^"]*")\s*:\s*(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?)\s*,?\s*$/;
const TABLE_MIN_ENTRIES = 200;
const TABLE_SHARE = 0.8;
/** A "generated" banner: the file's first line is a comment saying so. */
const GENERATED_BANNER = /^\s*(?:\/\/|\/\*)[^\n]*(?:this file is (?:auto-?)?generated|@generated|do not edit)/i;

/** One file of the corpus as the file list records it. */
export interface CorpusFile {
  /** `<package>/<path inside the package>`, with forward slashes: the name the split is hashed from. */
  path: string;
  package: string;
  version: string;
  licence: string;
  split: CodeSplit;
  /** Characters (Unicode code points) of the normalised text. */
  chars: number;
  /** Bytes of the normalised text in UTF-8. */
  bytes: number;
}

/** A file looked at but left out, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** The same text whichever platform packed it: LF line ends, no byte-order mark. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** FNV-1a, 32 bits, over the UTF-16 code units of s: a fixed, well-mixed hash with no dependency. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The split rule: FNV-1a of the corpus path, modulo 10: 0 → heldout, 1 → validation, 2–9 → train
 * (about 10 / 10 / 80 per cent of the files).
 */
export function splitOf(path: string): CodeSplit {
  const bucket = fnv1a(path) % 10;
  return bucket === 0 ? 'heldout' : bucket === 1 ? 'validation' : 'train';
}

/** Why a package's files cannot be used (null when they can). */
export function licenceProblem(licence: string | undefined): string | null {
  if (!licence) return 'no licence in package.json';
  return PERMISSIVE_LICENCES.includes(licence) ? null : `licence ${licence} is not on the permissive list`;
}

/**
 * Why a file is left out of the corpus, or null when it is kept. `relative` is its path inside the
 * package, `text` its normalised content.
 */
export function skipReason(relative: string, text: string): string | null {
  if (!/\.(js|ts|mjs|cjs)$/.test(relative)) return 'not JavaScript or TypeScript';
  if (/\.min\.(js|mjs|cjs)$/.test(relative)) return 'minified';
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) return `huge (${bytes} bytes)`;
  if (bytes === 0) return 'empty';
  if (GENERATED_BANNER.test(text)) return 'generated';
  const lines = text.split('\n');
  let longest = 0, entries = 0;
  for (const line of lines) {
    longest = Math.max(longest, line.length);
    if (TABLE_ENTRY.test(line)) entries++;
  }
  if (longest > MAX_LINE_CHARS) return `minified or packed (a line of ${longest} characters)`;
  if (entries >= TABLE_MIN_ENTRIES && entries >= TABLE_SHARE * lines.length) return `data table (${entries} of ${lines.length} lines are entries)`;
  return null;
}

/** Bytes of s in UTF-8, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Characters (code points) of s: what "bits per character" divides by, for every model. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The order every list of files is kept in: by corpus path, compared as code units (locale-free). */
export const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
