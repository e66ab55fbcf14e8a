/**
 * Trains the code transformer (src/lib/models/code/code-transformer.ts) on the corpus's train files,
 * seeded, for a time budget, printing the loss as it goes; before and after, bits per character on
 * the first validation files (a quick look, not the held-out figure).
 *
 * Today a smoke run: it writes weights only when asked (--out <file>), and no metrics file yet;
 * the shipped model, its held-out figure and its metrics are the next step of issue 20.
 *
 *   npx tsx scripts/train-code-model.ts --minutes 3 [--steps N] [--batch 16] [--lr 0.003] [--seed 1] [--peek 4] [--out x.safetensors]
 */
import { writeFileSync } from 'node:fs';
import { cosine, saveParams } from '../src/lib/engine';
import { encodeFiles, type EncodedFile } from '../src/lib/models/code/code-baselines';
import { fileBits } from '../src/lib/models/code/code-model-bits';
import { CodeTrainer } from '../src/lib/models/code/code-trainer';
import { CODE_MODEL_CONFIG, createCodeTransformer, parameterCount, parameters } from '../src/lib/models/code/code-transformer';
import { readCorpus, splitTexts } from './code-corpus-source';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const outIndex = process.argv.indexOf('--out');
const minutes = arg('minutes', 3), steps = arg('steps', Infinity), batch = arg('batch', 16), lr = arg('lr', 3e-3), seed = arg('seed', 1), peek = arg('peek', 4);

const { files } = readCorpus();
const train = encodeFiles(splitTexts(files, 'train'));
const look = encodeFiles(splitTexts(files, 'validation')).slice(0, peek);
const model = createCodeTransformer(CODE_MODEL_CONFIG, seed);
// With --steps, a warm-up then a cosine decay over them; on the clock alone, the rate stays at its peak after the warm-up.
const schedule = Number.isFinite(steps) ? cosine({ peak: lr, total: steps, warmup: 50, floor: lr / 10 }) : cosine({ peak: lr, total: 50, warmup: 50 });
const trainer = new CodeTrainer(model, train.map((f) => f.bytes), { batch, seed, lr: Number.isFinite(steps) ? schedule : (t) => (t < 50 ? schedule(t) : lr) });

const bpc = (set: EncodedFile[]) => set.reduce((s, f) => s + fileBits(model, f.bytes), 0) / set.reduce((n, f) => n + f.chars, 0);
console.log(`model: ${JSON.stringify(CODE_MODEL_CONFIG)}, ${parameterCount(model)} parameters; batch ${batch} × ${CODE_MODEL_CONFIG.context}`);
let t0 = Date.now();
console.log(`before: ${bpc(look).toFixed(3)} bpc on ${look.length} validation files (${Date.now() - t0} ms)`);

const started = Date.now();
let window = 0, n = 0;
while (n < steps && Date.now() - started < minutes * 60_000) {
  window += trainer.step();
  if (++n % 10 === 0) {
    const seconds = (Date.now() - started) / 1000;
    console.log(`step ${n}: loss ${(window / 10 / Math.LN2).toFixed(3)} bits/byte, ${seconds.toFixed(0)} s, ${(1000 * seconds / n).toFixed(0)} ms/step`);
    window = 0;
  }
}
t0 = Date.now();
console.log(`after ${n} steps: ${bpc(look).toFixed(3)} bpc on ${look.length} validation files (${Date.now() - t0} ms)`);
if (outIndex >= 0) {
  writeFileSync(process.argv[outIndex + 1], saveParams(parameters(model), { config: JSON.stringify(CODE_MODEL_CONFIG), steps: String(n), seed: String(seed) }));
}
