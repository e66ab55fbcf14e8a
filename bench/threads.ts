/**
 * `BENCH_THREADS=1,2 npm run bench`: the engine against itself on two thread counts (issue 21
 * item 2), per workload, in one process: the same model trained in alternating rounds of the same
 * number of steps, switching the pool's thread count (limitThreads) between rounds, medians of
 * the rates. Before timing, two fresh copies of the model train a few steps, one per thread
 * count, and their losses must agree bit for bit (threads must not change results).
 */
import { limitThreads, splitCount, startThreads } from '../src/lib/engine/threads';
import { engineTrainer } from '../src/lib/models/bench/engine';
import { median } from '../src/lib/models/bench/measure';
import { WORK, type Trainer, type WorkloadName } from '../src/lib/models/bench/workloads';

export interface ThreadsResult {
  workload: WorkloadName;
  unit: string;
  threads: [number, number];
  rates: [number, number];
  ratio: number;
  roundRates: [number[], number[]];
  stepsPerRound: number;
  splitsPerStep: number;
}


function seconds(t: Trainer, steps: number): number {
  const start = performance.now();
  for (let i = 0; i < steps; i++) t.step();
  return (performance.now() - start) / 1000;
}

/** Losses after `steps` steps of a fresh model on `threads` threads. */
async function lossesOn(workload: WorkloadName, threads: number, steps: number): Promise<number[]> {
  limitThreads(threads);
  const t = engineTrainer(workload);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) { t.step(); out.push(await t.loss()); }
  return out;
}

export async function compareThreads(
  workload: WorkloadName, threads: [number, number], rounds: number, roundSeconds: number,
  log: (msg: string) => void
): Promise<ThreadsResult> {
  const started = await startThreads(Math.max(...threads));
  if (started < Math.max(...threads)) throw new Error(`threads: only ${started} thread(s) could start`);
  const [a, b] = [await lossesOn(workload, threads[0], 3), await lossesOn(workload, threads[1], 3)];
  if (a.some((v, i) => !Object.is(v, b[i]))) throw new Error(`${workload}: losses differ between ${threads[0]} and ${threads[1]} threads: ${a} vs ${b}`);

  const t = engineTrainer(workload);
  limitThreads(threads[0]);
  let steps = 1, elapsed = seconds(t, 1);
  while (elapsed < roundSeconds && steps < 1 << 14) { elapsed += seconds(t, steps); steps *= 2; }
  const stepsPerRound = Math.max(1, Math.round((roundSeconds * steps) / elapsed));
  const items = WORK[workload].itemsPerStep;
  const rates: [number[], number[]] = [[], []];
  let splits = 0;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const side of order) {
      limitThreads(threads[side]);
      const before = splitCount();
      rates[side].push((stepsPerRound * items) / seconds(t, stepsPerRound));
      if (side === 1) splits += splitCount() - before;
    }
  }
  limitThreads(1);
  const m: [number, number] = [median(rates[0]), median(rates[1])];
  log(`  ${workload}: ${stepsPerRound} steps × ${rounds} rounds; ${threads[0]} thread(s) ${rates[0].map((x) => x.toFixed(0)).join(' ')}; ` +
    `${threads[1]} thread(s) ${rates[1].map((x) => x.toFixed(0)).join(' ')} ${WORK[workload].unit}/s; ` +
    `${(splits / (rounds * stepsPerRound)).toFixed(1)} kernel calls split per step`);
  return {
    workload, unit: `${WORK[workload].unit}/s`, threads, rates: m, ratio: m[1] / m[0], roundRates: rates, stepsPerRound,
    splitsPerStep: splits / (rounds * stepsPerRound)
  };
}
