/**
 * The training text of figure 12b's "watch it learn" (static/data/code-learn.txt, written by
 * `npm run data:code-corpus`): a few hundred kilobytes of whole training files, small enough to
 * ship to a reader's browser, which trains a small copy of the code model on them for a minute.
 *
 * Which files: training files only (never a validation or held-out one), taken in the order of a
 * hash of their path (so every package and folder is represented, not the alphabet's first ones)
 * while they fit in LEARN_TEXT_BYTES; then written in corpus order. The choice depends on the file
 * list alone, so every build writes the same text.
 *
 * The format: each file preceded by FILE_MARK (U+0002, "start of text", which no kept file
 * contains), so the reader cuts the text back into the files it was made of.
 */
import { fnv1a, type CorpusFile } from './code-corpus';

/** The excerpt's size limit in bytes of UTF-8 (the marks not counted). */
export const LEARN_TEXT_BYTES = 300_000;

/** What stands before every file in the excerpt. */
export const FILE_MARK = '\u0002';

/** The files of the excerpt, in the order given (the corpus order). */
export function chooseLearnFiles<F extends CorpusFile & { text: string }>(files: readonly F[]): F[] {
  const candidates = files.filter((f) => f.split === 'train' && !f.text.includes(FILE_MARK));
  const byHash = [...candidates].sort((a, b) => fnv1a(a.path) - fnv1a(b.path) || (a.path < b.path ? -1 : 1));
  const chosen = new Set<F>();
  let bytes = 0;
  for (const f of byHash) {
    if (bytes + f.bytes > LEARN_TEXT_BYTES) continue;
    chosen.add(f);
    bytes += f.bytes;
  }
  return candidates.filter((f) => chosen.has(f));
}

/** The excerpt's text: every file's text after its mark. */
export function joinLearnText(texts: readonly string[]): string {
  return texts.map((t) => FILE_MARK + t).join('');
}

/** The excerpt cut back into its files' texts. */
export function splitLearnText(text: string): string[] {
  return text.split(FILE_MARK).slice(1);
}
