/**
 * `npm run choose:scratch-recipe`: chooses figure 7b's "train from scratch" recipe on the 200
 * photos held out of the training split (validationSplit in src/lib/models/cnn/scratch-recipe.ts),
 * training each candidate on the other 1,400 for the figure's time budget. The test photos are not
 * read. Writes static/models/scratch-recipe.json: every candidate's seconds per step, steps and
 * held-out accuracy (each photo alone, and averaged over 2 and 4 views of it, see testViews), and
 * the one chosen (the best mean held-out accuracy over its seeds, with its best number of views),
 * which the figure then trains.
 *
 * The budget is counted in steps, not read off the clock while training, so that a machine busy
 * with other work trains each candidate as far as an idle one would:
 *   1. calibration  each candidate's seconds per step and per scoring of 400 photos, in CPU time
 *                   (what an idle core would take), in interleaved rounds, the fastest kept
 *   2. training     steps = (60 s − the figure's scorings of the test photos) / (seconds per step ×
 *                   BROWSER_FACTOR), the learning rate following the same fraction of the budget
 *                   as the figure's clock does
 * BROWSER_FACTOR is Chromium's seconds per step over Node's for the same work (CHROMIUM_OVER_NODE).
 *
 *   npx tsx scripts/choose-scratch-recipe.ts [--only name,name] [--seeds 1,2] [--speedup k] [--dry]
 * --only trains those candidates. Results are merged into the file's earlier ones (a candidate
 * trained again replaces its earlier result); delete the file to start over. --speedup k trains k
 * times the steps, as a k-times faster engine would in the minute: kept apart, never chosen.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { PIXELS_PER_IMAGE, SPLIT_FILES, decodePhotoSet } from '../src/lib/data/cats-dogs';
import { evaluate } from '../src/lib/models/cnn/cnn';
import {
  BUDGET_SECONDS, CHROMIUM_OVER_NODE, SCORINGS_IN_BUDGET, type ScratchRecipe, type TestViews
} from '../src/lib/models/cnn/scratch-plan';
import { TimedCnnTraining, testViews, validationSplit } from '../src/lib/models/cnn/scratch-recipe';
import { CANDIDATES } from './scratch-candidates';

const BROWSER_FACTOR = CHROMIUM_OVER_NODE;
const ROUNDS = 3;
const STEPS_PER_ROUND = 4;
const VIEWS: TestViews[] = [1, 2, 4];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'static', 'models', 'scratch-recipe.json');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = arg('only')?.split(',');
const seeds = (arg('seeds') ?? '1').split(',').map(Number);
/** A faster engine, imagined: this many times the steps (results kept apart, never chosen). */
const speedup = Number(arg('speedup') ?? 1);
const candidates = CANDIDATES.filter((c) => !only || only.includes(c.name));
if (candidates.length === 0) throw new Error(`no candidate named ${only}`);

const data = decodePhotoSet(new Uint8Array(readFileSync(path.join(root, 'static', 'data', SPLIT_FILES.train))), 'train');
const split = validationSplit();
const held = {
  images: new Uint8Array(split.validation.length * PIXELS_PER_IMAGE),
  labels: split.validation.map((i) => data.labels[i])
};
split.validation.forEach((src, k) => held.images.set(data.images.subarray(src * PIXELS_PER_IMAGE, (src + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE));
const heldViews = new Map(VIEWS.map((v) => [v, testViews(held.images, v)]));
// The figure scores 400 test photos over up to 4 views each: calibration times that much work
// (1,600 photos through the network) on the held-out ones, and every candidate keeps that much
// time back for its scorings, whichever views it is finally scored with.
const scoringImages = new Uint8Array(2 * held.images.length);
scoringImages.set(held.images);
scoringImages.set(held.images, held.images.length);
const scoringLabels = [...held.labels, ...held.labels];
const scoringViews = testViews(scoringImages, 4);

const training = (recipe: ScratchRecipe, seed: number) => new TimedCnnTraining(recipe, seed, data.images, data.labels, split.train);

/**
 * This process's CPU time in seconds: what a step costs whatever else the machine is doing (the
 * wall clock of a loaded machine counts the other processes' turns too). The engine runs on one
 * thread, so CPU time is the wall time the step would take on an idle core.
 */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// 1. Calibration, in interleaved rounds.
const stepSeconds = new Map<string, number>(), scoreSeconds = new Map<string, number>();
const runs = candidates.map((c) => training(c, 0));
runs.forEach((r) => r.step()); // first step allocates the tape's buffers
for (let round = 0; round < ROUNDS; round++) {
  candidates.forEach((c, i) => {
    let t = cpuSeconds();
    for (let s = 0; s < STEPS_PER_ROUND; s++) runs[i].step();
    const step = (cpuSeconds() - t) / STEPS_PER_ROUND;
    t = cpuSeconds();
    evaluate(runs[i].run.net, scoringImages, scoringLabels, 100, scoringViews);
    const score = cpuSeconds() - t;
    stepSeconds.set(c.name, Math.min(stepSeconds.get(c.name) ?? Infinity, step));
    scoreSeconds.set(c.name, Math.min(scoreSeconds.get(c.name) ?? Infinity, score));
  });
}

// 2. Training for the budget.
interface Result {
  recipe: ScratchRecipe;
  stepSeconds: number;
  scoreSeconds: number;
  speedup: number;
  steps: number;
  epochs: number;
  seeds: number[];
  /** Held-out accuracy per seed, scored over 1, 2 and 4 views of each photo, and the means. */
  validationAccuracy: Record<TestViews, number[]>;
  meanValidationAccuracy: Record<TestViews, number>;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** A result's best views and their mean held-out accuracy (fewer views win a tie: they cost less). */
const bestViews = (r: Result): TestViews => VIEWS.reduce((a, v) => (r.meanValidationAccuracy[v] > r.meanValidationAccuracy[a] ? v : a));
const best = (r: Result) => r.meanValidationAccuracy[bestViews(r)];
const results: Result[] = [];
for (const recipe of candidates) {
  const step = stepSeconds.get(recipe.name)! * BROWSER_FACTOR;
  const score = scoreSeconds.get(recipe.name)! * BROWSER_FACTOR;
  const steps = Math.max(1, Math.floor((speedup * (BUDGET_SECONDS - SCORINGS_IN_BUDGET * score)) / step));
  const accuracy = { 1: [], 2: [], 4: [] } as Record<TestViews, number[]>;
  for (const seed of seeds) {
    const run = training(recipe, seed);
    const started = performance.now();
    for (let k = 0; k < steps; k++) {
      run.progress = k / steps;
      run.step();
    }
    run.progress = 1;
    for (const v of VIEWS) accuracy[v].push(evaluate(run.run.net, held.images, held.labels, 100, heldViews.get(v)).correct / held.labels.length);
    const shown = VIEWS.map((v) => `${v} view${v > 1 ? 's' : ''} ${(100 * accuracy[v].at(-1)!).toFixed(1)}%`).join(', ');
    console.log(`${recipe.name} seed ${seed}: ${steps} steps (${(steps * recipe.batchSize / split.train.length).toFixed(1)} epochs), held-out ${shown}; ${((performance.now() - started) / 1000).toFixed(0)} s here`);
  }
  results.push({
    recipe,
    stepSeconds: step,
    scoreSeconds: score,
    speedup,
    steps,
    epochs: round(steps * recipe.batchSize / split.train.length, 2),
    seeds,
    validationAccuracy: accuracy,
    meanValidationAccuracy: { 1: round(mean(accuracy[1]), 4), 2: round(mean(accuracy[2]), 4), 4: round(mean(accuracy[4]), 4) }
  });
}

function round(x: number, digits: number) {
  return Number(x.toFixed(digits));
}

// Merge with earlier results (other candidates; runs of an imagined faster engine kept apart), then choose.
const before = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { candidates: [], faster: [] };
const key = (r: Result) => `${r.recipe.name}@${r.speedup}`;
const mergeInto = (earlier: Result[], fresh: Result[]) => [...earlier.filter((e) => !fresh.some((r) => key(r) === key(e))), ...fresh];
const merged = mergeInto(before.candidates, results.filter((r) => r.speedup === 1)).sort((a, b) => best(b) - best(a));
const faster = mergeInto(before.faster ?? [], results.filter((r) => r.speedup !== 1));
const top = merged[0];
// (Runs of an imagined faster engine alone, before any candidate: the file's choice stays.)
const chosen: ScratchRecipe = top ? { ...top.recipe, testViews: bestViews(top) } : before.chosen;
const report = {
  script: 'scripts/choose-scratch-recipe.ts',
  date: new Date().toISOString(),
  commit: execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim(),
  machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
  budgetSeconds: BUDGET_SECONDS,
  browserFactor: BROWSER_FACTOR,
  trainPhotos: split.train.length,
  validationPhotos: split.validation.length,
  chosen,
  candidates: merged,
  faster
};
const line = (r: Result) => `${r.recipe.name.padEnd(16)} ${r.steps} steps, ${r.epochs} epochs, held-out ${VIEWS.map((v) => `${(100 * r.meanValidationAccuracy[v]).toFixed(1)}%`).join(' / ')} over 1 / 2 / 4 views (seeds ${r.seeds.join(', ')})`;
merged.forEach((r) => console.log(line(r)));
faster.forEach((r) => console.log(`${r.speedup}× faster: ${line(r)}`));
if (!args.includes('--dry')) writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(`chosen: ${chosen.name}, scored over ${chosen.testViews} view(s) of each photo`);
