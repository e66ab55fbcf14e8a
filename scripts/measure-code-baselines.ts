/**
 * Measures the code models' two counting baselines (src/lib/models/code/code-baselines.ts) on the
 * corpus as node_modules holds it, and writes static/models/code-baselines.json next to the corpus
 * list: a unigram and an interpolated modified Kneser–Ney byte n-gram trained on the train files,
 * the n-gram's order chosen on the validation files, both measured on the held-out files.
 * tests/unit/code/baselines.test.ts recomputes the file.
 *
 *   npm run measure:code-baselines      (npx tsx scripts/measure-code-baselines.ts)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureBaselines } from '../src/lib/models/code/code-baselines';
import { ROOT, readCorpus, splitTexts } from './code-corpus-source';

const started = Date.now();
const { files } = readCorpus();
const metrics = measureBaselines({
  train: splitTexts(files, 'train'), validation: splitTexts(files, 'validation'), heldout: splitTexts(files, 'heldout')
});
const out = path.join(ROOT, 'static', 'models', 'code-baselines.json');
// One line per list of numbers (the discounts), so the file reads as a table.
const text = JSON.stringify(metrics, null, 1).replace(/\[\s*([-\d.e,\s]+?)\s*\]/g, (_, nums: string) => `[${nums.split(/,\s*/).join(', ')}]`);
writeFileSync(out, text + '\n');
console.log(
  `code baselines: unigram ${metrics.unigramBpc.toFixed(3)} bpc, ${metrics.ngramOrder}-gram ${metrics.ngramBpc.toFixed(3)} bpc ` +
    `on ${metrics.splits.heldout.files} held-out files; ${((Date.now() - started) / 1000).toFixed(1)} s, ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB resident → ${path.relative(ROOT, out)}`
);
