/**
 * Figure 7b's "train from scratch" run in Node: the worker's own trainer (ScratchTrainer) on the
 * real clock, for the figure's budget or another one, printing its steps and the test accuracy it
 * scores. Two uses, both measurements (nothing here chooses anything):
 *   - beside `npm run bench:page -- --only scratch` at the same moment, Chromium's speed against
 *     Node's (the steps each takes in the same seconds): scripts/choose-scratch-recipe.ts's
 *     BROWSER_FACTOR;
 *   - with --seconds 120 (say), what a twice-as-fast engine would reach in the figure's minute;
 *   - with --clock cpu, what Chromium would reach on an idle core: the trainer's clock is this
 *     process's CPU time × CHROMIUM_OVER_NODE, which other processes on a loaded machine do not
 *     slow down (an estimate: it assumes that factor).
 *
 *   npx tsx bench/scratch-node.ts [--seconds 60] [--runs 1] [--clock wall|cpu]
 * Writes bench/scratch-node.json (date, commit, machine, each run's steps and scores, the median).
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ScratchTrainer } from '../src/lib/models/cnn/cnn-scratch';
import { CHROMIUM_OVER_NODE } from '../src/lib/models/cnn/scratch-plan';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};
const seconds = arg('seconds') ?? 60;
const runs = arg('runs') ?? 1;
const cpu = process.argv.includes('cpu');
/** Milliseconds: CPU time scaled to Chromium's speed, or the wall clock. */
const cpuClock = () => {
  const { user, system } = process.cpuUsage();
  return ((user + system) / 1000) * CHROMIUM_OVER_NODE;
};
const trainer = new ScratchTrainer((url) => new Uint8Array(readFileSync(url)), cpu ? cpuClock : undefined);
console.log(`recipe ${trainer.recipe.name}, ${seconds} s on the ${cpu ? `CPU clock × ${CHROMIUM_OVER_NODE}` : 'wall clock'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const done: { steps: number; seconds: number; accuracy: number; scores: { seconds: number; accuracy: number }[] }[] = [];
for (let run = 0; run < runs; run++) {
  trainer.reset({ seed: 7, dataUrl: 'static/data', seconds });
  while (!trainer.finished()) trainer.step();
  const s = trainer.snapshot();
  done.push({ steps: s.steps, seconds: s.seconds, accuracy: s.accuracy.at(-1)!.accuracy, scores: s.accuracy });
  console.log(
    `run ${run + 1}: ${s.steps} steps in ${s.seconds.toFixed(1)} s (${(s.steps / s.seconds).toFixed(2)} steps/s with the scorings), ` +
      `test accuracy ${s.accuracy.map((p) => `${(100 * p.accuracy).toFixed(1)}% at ${p.seconds.toFixed(0)} s`).join(', ')}`
  );
}
const median = [...done.map((r) => r.accuracy)].sort((a, b) => a - b)[Math.floor(done.length / 2)];
console.log(`median test accuracy ${(100 * median).toFixed(1)}% of ${done.length} runs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
writeFileSync('bench/scratch-node.json', JSON.stringify({
  command: 'npx tsx bench/scratch-node.ts ' + process.argv.slice(2).join(' '),
  date: new Date().toISOString(),
  commit: execSync('git rev-parse --short HEAD').toString().trim(),
  machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
  recipe: trainer.recipe.name,
  clock: cpu ? `CPU time × ${CHROMIUM_OVER_NODE}` : 'wall',
  budgetSeconds: seconds,
  runs: done,
  medianAccuracy: median
}, null, 2) + '\n');
