/**
 * Reads the code corpus (rules in src/lib/models/code/code-corpus.ts) from node_modules as `npm ci`
 * installed it from the lockfile. Shared by scripts/build-code-corpus.ts and the unit test that
 * recomputes the shipped numbers, so both see exactly the same files in the same order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CORPUS_PACKAGES, byPath, charCount, licenceProblem, normaliseText, skipReason, splitOf, utf8Length,
  type CodeSplit, type CorpusFile, type SkippedFile
} from '../src/lib/models/code/code-corpus';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A kept file with its text. */
export interface SourceFile extends CorpusFile {
  text: string;
}

export interface CorpusPackage {
  name: string;
  version: string;
  licence: string;
  folder: string;
}

export interface CorpusRead {
  packages: CorpusPackage[];
  files: SourceFile[];
  skipped: SkippedFile[];
}

/** Every file under dir, as paths relative to dir with forward slashes. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? walk(full, rel) : [rel];
  });
}

/** The corpus as installed: kept files sorted by path, and every file left out with its reason. */
export function readCorpus(root = ROOT): CorpusRead {
  const packages: CorpusPackage[] = [];
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const { name, folder } of CORPUS_PACKAGES) {
    const dir = path.join(root, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
    const problem = licenceProblem(manifest.license);
    if (problem) throw new Error(`${name}: ${problem}`);
    packages.push({ name, version: manifest.version, licence: manifest.license!, folder });
    for (const rel of walk(path.join(dir, folder))) {
      const corpusPath = `${name}/${folder}/${rel}`;
      const text = normaliseText(readFileSync(path.join(dir, folder, rel), 'utf8'));
      const reason = skipReason(rel, text);
      if (reason) skipped.push({ path: corpusPath, reason });
      else {
        files.push({
          path: corpusPath, package: name, version: manifest.version, licence: manifest.license!,
          split: splitOf(corpusPath), chars: charCount(text), bytes: utf8Length(text), text
        });
      }
    }
  }
  return { packages, files: files.sort(byPath), skipped: skipped.sort(byPath) };
}

/** The kept files' texts of one split, in corpus order. */
export function splitTexts(files: SourceFile[], split: CodeSplit): string[] {
  return files.filter((f) => f.split === split).map((f) => f.text);
}
