/**
 * Trains the code transformer (src/lib/models/code/code-transformer.ts) on the corpus's train files,
 * seeded, then measures it and the two counting baselines on the same held-out files and writes
 *
 *   static/models/code-model.safetensors     the weights (float32)
 *   static/models/code-model-metrics.json    the recipe, the loss curve, bits per character per held-out file
 *                                             for the transformer, and the baselines' figures as measured here
 *
 * next to static/models/code-corpus.json (the file list and licences). A warm-up of 100 steps,
 * then a cosine decay to a tenth of the peak over --steps; --minutes stops early if the machine is
 * slower than planned (the metrics file then says how many steps were taken).
 * tests/unit/code/shipped-model.test.ts reloads the weights and recomputes held-out files' bits.
 *
 *   npm run train:code-model [-- --steps 7000 --minutes 85 --batch 16 --lr 0.003 --seed 1]
 *   npx tsx scripts/train-code-model.ts --smoke      (a minute, writes nothing)
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cosine, saveParams } from '../src/lib/engine';
import { encodeFiles, measureBaselines, type EncodedFile } from '../src/lib/models/code/code-baselines';
import { fileBits } from '../src/lib/models/code/code-model-bits';
import { CodeTrainer } from '../src/lib/models/code/code-trainer';
import { CODE_MODEL_CONFIG, createCodeTransformer, parameterCount, parameters } from '../src/lib/models/code/code-transformer';
import { ROOT, readCorpus, splitTexts } from './code-corpus-source';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const smoke = process.argv.includes('--smoke');
const steps = arg('steps', smoke ? 100 : 7000), minutes = arg('minutes', smoke ? 1 : 85);
const batch = arg('batch', 16), lr = arg('lr', 3e-3), seed = arg('seed', 1);
/** Steps between two points of the recorded loss curve, and between two looks at validation files. */
const CURVE_EVERY = 10, LOOK_EVERY = 500, LOOK_FILES = 6;
const WARMUP = Math.min(100, steps);

// The commit the run starts from (the checkout may move on during an hour of training).
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const { files } = readCorpus();
const trainTexts = splitTexts(files, 'train');
const train = encodeFiles(trainTexts);
const look = encodeFiles(splitTexts(files, 'validation')).slice(0, LOOK_FILES);
const model = createCodeTransformer(CODE_MODEL_CONFIG, seed);
const schedule = cosine({ peak: lr, total: steps, warmup: WARMUP, floor: lr / 10 });
const trainer = new CodeTrainer(model, train.map((f) => f.bytes), { batch, seed, lr: schedule });

const bpc = (set: EncodedFile[]) => set.reduce((s, f) => s + fileBits(model, f.bytes), 0) / set.reduce((n, f) => n + f.chars, 0);
console.log(`model: ${JSON.stringify(CODE_MODEL_CONFIG)}, ${parameterCount(model)} parameters; batch ${batch} × ${CODE_MODEL_CONFIG.context}; ${steps} steps`);

const curve: { step: number; seconds: number; bitsPerByte: number }[] = [];
const looks: { step: number; bpc: number }[] = [{ step: 0, bpc: bpc(look) }];
const started = Date.now();
let window = 0, n = 0;
while (n < steps && Date.now() - started < minutes * 60_000) {
  window += trainer.step();
  n++;
  if (n % CURVE_EVERY === 0) {
    const seconds = (Date.now() - started) / 1000;
    curve.push({ step: n, seconds: Math.round(seconds), bitsPerByte: +(window / CURVE_EVERY / Math.LN2).toFixed(4) });
    window = 0;
    if (n % 100 === 0) console.log(`step ${n}: loss ${curve[curve.length - 1].bitsPerByte.toFixed(3)} bits/byte, ${seconds.toFixed(0)} s, ${(1000 * seconds / n).toFixed(0)} ms/step`);
  }
  if (n % LOOK_EVERY === 0) {
    looks.push({ step: n, bpc: bpc(look) });
    console.log(`  validation look: ${looks[looks.length - 1].bpc.toFixed(3)} bpc on ${LOOK_FILES} files`);
    if (!smoke) writeFileSync(path.join(ROOT, 'corpus', 'code-model-checkpoint.safetensors'), saveParams(parameters(model)));
  }
}
const trainSeconds = Math.round((Date.now() - started) / 1000);
console.log(`trained ${n} steps in ${trainSeconds} s; measuring on the held-out files…`);

const heldoutTexts = splitTexts(files, 'heldout');
const heldout = encodeFiles(heldoutTexts);
const perFile = heldout.map((f) => fileBits(model, f.bytes));
const heldoutChars = heldout.reduce((s, f) => s + f.chars, 0);
const modelBpc = perFile.reduce((s, b) => s + b, 0) / heldoutChars;
const baselines = measureBaselines({ train: trainTexts, validation: splitTexts(files, 'validation'), heldout: heldoutTexts });
console.log(`held-out: transformer ${modelBpc.toFixed(3)}, ${baselines.ngramOrder}-gram ${baselines.ngramBpc.toFixed(3)}, unigram ${baselines.unigramBpc.toFixed(3)} bpc`);
if (smoke) process.exit(0);

const metrics = {
  date: new Date().toISOString().slice(0, 10),
  commit,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, one thread`,
  config: CODE_MODEL_CONFIG,
  parameters: parameterCount(model),
  recipe: { seed, batch, window: CODE_MODEL_CONFIG.context, peakLearningRate: lr, warmup: WARMUP, plannedSteps: steps, floor: lr / 10, optimiser: 'Adam', clip: 1 },
  steps: n,
  trainSeconds,
  trainChars: train.reduce((s, f) => s + f.chars, 0),
  tokensSeen: n * batch * CODE_MODEL_CONFIG.context,
  evaluation: `bits per character over every byte of each held-out file, read in windows of ${CODE_MODEL_CONFIG.context} with stride ${CODE_MODEL_CONFIG.context >> 1} (src/lib/models/code/code-model-bits.ts)`,
  heldout: { files: heldout.length, chars: heldoutChars, modelBpc, ngramBpc: baselines.ngramBpc, ngramOrder: baselines.ngramOrder, ngramSmoothing: baselines.ngramSmoothing, unigramBpc: baselines.unigramBpc, unigramSmoothing: baselines.unigramSmoothing },
  heldoutBitsPerFile: perFile.map((b) => +b.toFixed(3)),
  validationLooks: looks.map((l) => ({ step: l.step, bpc: +l.bpc.toFixed(4) })),
  lossCurve: curve
};
writeFileSync(path.join(ROOT, 'static', 'models', 'code-model.safetensors'), saveParams(parameters(model), { config: JSON.stringify(CODE_MODEL_CONFIG), steps: String(n), seed: String(seed) }));
// One curve point per line, so the file reads as a table.
const text = JSON.stringify(metrics, null, 1).replace(/\{\s*"step": (\d+),\s*"seconds": (\d+),\s*"bitsPerByte": ([\d.]+)\s*\}/g, '{"step": $1, "seconds": $2, "bitsPerByte": $3}');
writeFileSync(path.join(ROOT, 'static', 'models', 'code-model-metrics.json'), text + '\n');
console.log('wrote static/models/code-model.safetensors and code-model-metrics.json');
