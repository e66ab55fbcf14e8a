/**
 * `npm run bench`: the engine against TensorFlow.js 4.22 on the lecture's own workloads (issue 3
 * item 7), TF.js on its `cpu` and its `wasm` backend, in one run.
 *
 * For each workload and backend: both sides are built from the same data and initial weights
 * (src/lib/models/bench/workloads.ts, shared with the /bench page), their starting losses are checked to agree, both are warmed up with the same
 * number of steps, then timed in rounds of the same number of steps, alternating which side goes
 * first. Each side's rate is the median over rounds. stdout gets exactly one line per pair,
 *   bench <workload> vs <backend>: engine <x>/s, tfjs <y>/s, ratio <x/y>, engine <g> GFLOP/s
 * and bench/results.json the same numbers; progress and diagnostics go to stderr.
 *
 * Options (environment): BENCH_ROUNDS (default 7), BENCH_ROUND_SECONDS (default 0.8: the target
 * length of one TF.js round), BENCH_WORKLOADS / BENCH_BACKENDS (comma lists to run a subset).
 * BENCH_THREADS=n: the engine runs on n threads (startThreads; default 1). BENCH_THREADS=a,b: no
 * TF.js; the engine on a threads against b threads instead (threads.ts), results in threads.json.
 */
import { register } from 'node:module';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// TF.js's gradient definitions ship only in its ES-module build; see tfjs-esm-hooks.mjs.
register('./tfjs-esm-hooks.mjs', import.meta.url);
const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
await import('@tensorflow/tfjs-backend-cpu');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
const { tfjsTrainer } = await import('../src/lib/models/bench/tfjs');
const { engineTrainer } = await import('../src/lib/models/bench/engine');
const { WORK } = await import('../src/lib/models/bench/workloads');
const { alternatingRounds, fmt, sameLoss } = await import('../src/lib/models/bench/measure');
const { workspace } = await import('../src/lib/engine/kernels/workspace');
const { startThreads, threadCount } = await import('../src/lib/engine/threads');
const { compareThreads } = await import('./threads');
type WorkloadName = import('../src/lib/models/bench/workloads').WorkloadName;

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// Offline: the wasm backend reads its .wasm files from node_modules by path (no fetch).
setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 0.8);
const list = <T extends string>(v: string | undefined, all: T[]): T[] =>
  v ? all.filter((x) => v.split(',').includes(x)) : all;
const WORKLOADS = list<WorkloadName>(process.env.BENCH_WORKLOADS, ['mlp', 'attention', 'cnn']);
const BACKENDS = list(process.env.BENCH_BACKENDS, ['cpu', 'wasm']);
const THREADS = (process.env.BENCH_THREADS ?? '1').split(',').map(Number);
if (!THREADS.every((n) => Number.isInteger(n) && n >= 1) || THREADS.length > 2) throw new Error('BENCH_THREADS: a thread count, or two separated by a comma');

const log = (msg: string): void => { process.stderr.write(`${msg}\n`); };

interface Result {
  workload: WorkloadName;
  backend: string;
  unit: string;
  engine: number;
  tfjs: number;
  ratio: number;
  engineGflops: number;
  tfjsGflops: number;
  stepsPerRound: number;
  rounds: number;
  warmupSteps: number;
  lossAtStart: { engine: number; tfjs: number };
  lossAtEnd: { engine: number; tfjs: number };
  line: string;
}

async function compare(workload: WorkloadName, backend: string): Promise<Result> {
  await tf.setBackend(backend);
  await tf.ready();
  const work = WORK[workload];
  // JIT warm-up of the engine's code on a throwaway copy of the model, so that the measured
  // model can keep the same step count as TF.js even where TF.js warms up with a single step
  // (the cnn on cpu takes ~13 s per step); TF.js's warm-up is its own first steps below.
  const scratch = engineTrainer(workload);
  for (let s = performance.now(); performance.now() - s < 300;) scratch.step();
  const engine = engineTrainer(workload);
  const ref = tfjsTrainer(workload, backend);
  const lossAtStart = { engine: await engine.loss(), tfjs: await ref.loss() };
  if (!sameLoss(lossAtStart.engine, lossAtStart.tfjs)) {
    throw new Error(`${workload}/${backend}: the two models disagree before training (loss ${lossAtStart.engine} vs ${lossAtStart.tfjs})`);
  }

  // Warm-up (JIT, buffer pools, wasm memory growth) with equal steps, then alternating rounds.
  const { warmupSteps, stepsPerRound, stepRates, medians } = await alternatingRounds([engine, ref], { rounds: ROUNDS, roundSeconds: ROUND_SECONDS });
  const engineRates = stepRates[0].map((r) => r * work.itemsPerStep), tfRates = stepRates[1].map((r) => r * work.itemsPerStep);
  const lossAtEnd = { engine: await engine.loss(), tfjs: await ref.loss() };
  ref.dispose();
  engine.dispose();

  const e = medians[0] * work.itemsPerStep, t = medians[1] * work.itemsPerStep;
  const perItemFlops = work.flopsPerStep / work.itemsPerStep;
  const engineGflops = (e * perItemFlops) / 1e9;
  const line = `bench ${workload} vs ${backend}: engine ${fmt(e)}/s, tfjs ${fmt(t)}/s, ratio ${fmt(e / t)}, engine ${fmt(engineGflops)} GFLOP/s`;
  log(`  ${workload}/${backend}: ${stepsPerRound} steps × ${ROUNDS} rounds after ${warmupSteps} warm-up steps; ` +
    `engine ${engineRates.map(fmt).join(' ')}; tfjs ${tfRates.map(fmt).join(' ')} ${work.unit}/s; ` +
    `loss ${lossAtStart.engine.toFixed(5)} → engine ${lossAtEnd.engine.toFixed(5)}, tfjs ${lossAtEnd.tfjs.toFixed(5)}`);
  return {
    workload, backend, unit: `${work.unit}/s`, engine: e, tfjs: t, ratio: e / t, engineGflops,
    tfjsGflops: (t * perItemFlops) / 1e9, stepsPerRound, rounds: ROUNDS, warmupSteps, lossAtStart, lossAtEnd, line
  };
}

if (THREADS.length === 2) {
  const results = [];
  for (const workload of WORKLOADS) {
    const r = await compareThreads(workload, [THREADS[0], THREADS[1]], ROUNDS, ROUND_SECONDS, log);
    console.log(`bench ${workload} threads ${r.threads[1]} vs ${r.threads[0]}: ${fmt(r.rates[1])}/s vs ${fmt(r.rates[0])}/s, ratio ${r.ratio.toFixed(2)}`);
    results.push(r);
  }
  writeFileSync(path.join(here, 'threads.json'), JSON.stringify({
    date: new Date().toISOString(), node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    loadAverage: os.loadavg(),
    notes: ['One model per workload, trained in alternating rounds of equal steps on each thread count; rates are medians over rounds.'],
    results
  }, null, 2) + '\n');
  process.exit(0);
}
if (THREADS[0] > 1 && (await startThreads(THREADS[0])) < THREADS[0]) throw new Error(`only ${threadCount()} thread(s) could start`);

log(`engine gemm: ${workspace().simd ? 'WebAssembly SIMD (f32x4) micro-kernel' : 'TypeScript tiles (no WebAssembly SIMD here)'}, ${threadCount()} thread(s); ` +
  `TF.js wasm conv filter gradient: tf.customGrad (im2col + tf.matMul)`);
const results: Result[] = [];
for (const workload of WORKLOADS) {
  for (const backend of BACKENDS) {
    const r = await compare(workload, backend);
    console.log(r.line);
    results.push(r);
  }
}

writeFileSync(path.join(here, 'results.json'), JSON.stringify({
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  engineGemm: workspace().simd ? 'wasm-simd' : 'typescript',
  engineThreads: threadCount(),
  notes: [
    'Rates are medians over rounds; the engine and TF.js alternate, same data, same initial weights, same steps.',
    'GFLOP/s counts 2 FLOPs per multiply-add of matrix products and convolutions (forward, weight gradients, and input gradients except of data); elementwise work is not counted.',
    'TF.js wasm has no Conv2DBackpropFilter kernel: its CNN uses tf.customGrad with tf.conv2d forward, tf.conv2dTranspose input gradient, and im2col (pad + 9 slices + concat) + tf.matMul filter gradient.',
    'CNN images are seeded synthetic 32×32×3 images (cost does not depend on pixel values).'
  ],
  results
}, null, 2) + '\n');
