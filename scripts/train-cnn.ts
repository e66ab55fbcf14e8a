/**
 * `npm run train:cnn`: trains the section-7 CNN (src/lib/models/cnn/cnn.ts) on the 1,600 training
 * photos with the recipe of src/lib/models/cnn/cnn-training.ts, seeded, and writes
 *   static/models/cnn.safetensors    weights and batch-norm running statistics
 *   static/models/cnn-metrics.json   the recipe, the loss per epoch, and train and test accuracy
 * The test photos are used once, after the last epoch, to measure the final weights; nothing
 * is chosen by them.
 *
 * For choosing the recipe, `--holdout` trains on 1,400 photos and reports accuracy on the other
 * 200 of the training split (the last 100 of each class) after every 10 epochs; it writes nothing.
 * Options: --epochs N, --seed N, --wd λ, --lr peak, --batch N, --holdout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveParams } from '../src/lib/engine';
import { PIXELS_PER_IMAGE, SPLIT_FILES, decodePhotoSet, type Split } from '../src/lib/data/cats-dogs';
import { validationSplit } from '../src/lib/models/cnn/scratch-recipe';
import { evaluate, parameterCount, savedTensors } from '../src/lib/models/cnn/cnn';
import { CnnTraining, DEFAULT_TRAINING } from '../src/lib/models/cnn/cnn-training';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const holdout = args.includes('--holdout');
const config = {
  ...DEFAULT_TRAINING,
  epochs: option('epochs') ?? DEFAULT_TRAINING.epochs,
  seed: option('seed') ?? DEFAULT_TRAINING.seed,
  weightDecay: option('wd') ?? DEFAULT_TRAINING.weightDecay,
  peakLr: option('lr') ?? DEFAULT_TRAINING.peakLr,
  batchSize: option('batch') ?? DEFAULT_TRAINING.batchSize
};

const load = (split: Split) => decodePhotoSet(new Uint8Array(readFileSync(path.join(root, 'static', 'data', SPLIT_FILES[split]))), split);
const train = load('train');
const test = load('test');

// Hold-out: the last 100 training photos of each class (the 200 figure 7b's recipe was chosen on).
const split = validationSplit();
const trainIdx = holdout ? split.train : Array.from({ length: train.count }, (_, i) => i);
const heldIdx = holdout ? split.validation : [];
function subset(indices: number[]) {
  const images = new Uint8Array(indices.length * PIXELS_PER_IMAGE);
  indices.forEach((src, k) => images.set(train.images.subarray(src * PIXELS_PER_IMAGE, (src + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE));
  return { images, labels: indices.map((i) => train.labels[i]) };
}
const held = subset(heldIdx);

const run = new CnnTraining(config, train.images, train.labels, { indices: trainIdx });
console.log(`train-cnn: ${parameterCount(run.net)} parameters, ${trainIdx.length} training photos, ${config.epochs} epochs × ${run.stepsPerEpoch} steps${holdout ? ', hold-out 200' : ''}`);
const started = Date.now();
const lossPerEpoch: number[] = [];
while (!run.finished) {
  let sum = 0;
  for (let s = 0; s < run.stepsPerEpoch; s++) sum += run.step();
  const epoch = Math.round(run.epoch);
  lossPerEpoch.push(sum / run.stepsPerEpoch);
  let line = `epoch ${epoch}: loss ${(sum / run.stepsPerEpoch).toFixed(4)}, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (holdout && (epoch % 10 === 0 || run.finished)) {
    line += `, hold-out accuracy ${(evaluate(run.net, held.images, held.labels).correct / held.labels.length * 100).toFixed(1)}%`;
  }
  console.log(line);
}
const seconds = (Date.now() - started) / 1000;

if (!holdout) {
  const trainResult = evaluate(run.net, train.images, train.labels);
  const testResult = evaluate(run.net, test.images, test.labels);
  const metrics = {
    model: 'src/lib/models/cnn/cnn.ts',
    parameters: parameterCount(run.net),
    training: config,
    stepsPerEpoch: run.stepsPerEpoch,
    steps: run.steps,
    seconds: Math.round(seconds),
    machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}`,
    lossPerEpoch: lossPerEpoch.map((l) => Number(l.toFixed(5))),
    trainCorrect: trainResult.correct,
    trainCount: train.count,
    trainAccuracy: trainResult.correct / train.count,
    testCorrect: testResult.correct,
    testCount: test.count,
    testAccuracy: testResult.correct / test.count
  };
  const outDir = path.join(root, 'static', 'models');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'cnn.safetensors'), saveParams(savedTensors(run.net), { seed: String(config.seed), epochs: String(config.epochs) }));
  writeFileSync(path.join(outDir, 'cnn-metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  console.log(`train-cnn: ${seconds.toFixed(0)} s; train accuracy ${(metrics.trainAccuracy * 100).toFixed(2)}%, test accuracy ${(metrics.testAccuracy * 100).toFixed(2)}% (${testResult.correct}/${test.count})`);
}
