/**
 * Builds the code corpus of issue 20 from node_modules (rules: src/lib/models/code/code-corpus.ts):
 *
 *  - static/models/code-corpus.json (committed): the packages with version and licence, the split
 *    rule, every kept file with package, version, licence, split and size, every skipped file with
 *    its reason. A unit test checks it against node_modules.
 *  - corpus/code-<split>.txt (build output, gitignored, like static/data/cats-dogs-*.bin): the
 *    split's files' normalised texts concatenated in the list's order; each file's length in bytes
 *    is in the list, which is how a reader cuts the text back into files. Not under static/, so the
 *    site neither ships nor caches it.
 *
 *   npm run data:code-corpus            (npx tsx scripts/build-code-corpus.ts)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SPLITS, MAX_FILE_BYTES, MAX_LINE_CHARS } from '../src/lib/models/code/code-corpus';
import { chooseLearnFiles, joinLearnText } from '../src/lib/models/code/code-learn-text';
import { ROOT, readCorpus } from './code-corpus-source';

export const CORPUS_LIST = path.join(ROOT, 'static', 'models', 'code-corpus.json');
export const corpusText = (split: string) => path.join(ROOT, 'corpus', `code-${split}.txt`);
export const LEARN_TEXT = path.join(ROOT, 'static', 'data', 'code-learn.txt');
/** The licences of the packages the excerpt copies from: MIT asks that its notice go with every substantial copy. */
export const LEARN_LICENCES = path.join(ROOT, 'static', 'data', 'code-learn-licences.txt');

/** JSON with each top-level field on its own line and each element of a top-level list on its own: diffable. */
function oneRecordALine(value: Record<string, unknown>): string {
  const field = ([key, v]: [string, unknown]) =>
    Array.isArray(v) ? `"${key}": [\n${v.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n ]` : `"${key}": ${JSON.stringify(v)}`;
  return `{\n${Object.entries(value).map((e) => ` ${field(e)}`).join(',\n')}\n}\n`;
}

const started = Date.now();
const { packages, files, skipped } = readCorpus();
const list = {
  about: 'Readable JavaScript/TypeScript sources of this project’s own dependencies as pinned by package-lock.json (issue 20).',
  packages,
  rules: {
    licences: 'package.json "license" must be MIT, ISC, Apache-2.0, BSD-2-Clause or BSD-3-Clause',
    kept: `.js/.ts/.mjs/.cjs files, not .min.*, at most ${MAX_FILE_BYTES} bytes, no line over ${MAX_LINE_CHARS} characters, no "generated" banner on the first line, not a table of key: literal entries`,
    normalised: 'CRLF and CR to LF, byte-order mark removed',
    split: 'FNV-1a (32-bit) of the path "<package>/<folder>/<file>" mod 10: 0 heldout, 1 validation, 2-9 train',
    order: 'files sorted by path (code-unit order)'
  },
  files: files.map(({ text: _, ...f }) => f),
  skipped
};
writeFileSync(CORPUS_LIST, oneRecordALine(list));
mkdirSync(path.dirname(corpusText('train')), { recursive: true });
for (const split of CODE_SPLITS) {
  writeFileSync(corpusText(split), files.filter((f) => f.split === split).map((f) => f.text).join(''));
}
const learn = chooseLearnFiles(files);
mkdirSync(path.dirname(LEARN_TEXT), { recursive: true });
writeFileSync(LEARN_TEXT, joinLearnText(learn.map((f) => f.text)));
const licenceFile = (dir: string) => ['LICENSE', 'LICENSE.md', 'LICENCE', 'LICENSE.txt'].map((n) => path.join(dir, n)).find((f) => existsSync(f));
writeFileSync(
  LEARN_LICENCES,
  `code-learn.txt holds whole source files of the packages below, as installed from package-lock.json;\neach package's licence follows.\n\n` +
    packages
      .filter((p) => learn.some((f) => f.package === p.name))
      .map((p) => {
        const file = licenceFile(path.join(ROOT, 'node_modules', p.name));
        if (!file) throw new Error(`no licence file in node_modules/${p.name}`);
        return `== ${p.name} ${p.version} (${p.licence}) ==\n\n${readFileSync(file, 'utf8').trim()}\n`;
      })
      .join('\n')
);
const count = (split: string) => files.filter((f) => f.split === split).length;
console.log(
  `code corpus: ${files.length} files (${CODE_SPLITS.map((s) => `${s} ${count(s)}`).join(', ')}), ` +
    `${files.reduce((n, f) => n + f.chars, 0)} characters, ${skipped.length} skipped; ` +
    `learn text ${learn.length} files, ${learn.reduce((n, f) => n + f.bytes, 0)} bytes; ${Date.now() - started} ms`
);
