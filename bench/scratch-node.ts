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
 */
import { readFileSync } from 'node:fs';
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
for (let run = 0; run < runs; run++) {
  trainer.reset({ seed: 7, dataUrl: 'static/data', seconds });
  while (!trainer.finished()) trainer.step();
  const s = trainer.snapshot();
  console.log(
    `run ${run + 1}: ${s.steps} steps in ${s.seconds.toFixed(1)} s (${(s.steps / s.seconds).toFixed(2)} steps/s with the scorings), ` +
      `test accuracy ${s.accuracy.map((p) => `${(100 * p.accuracy).toFixed(1)}% at ${p.seconds.toFixed(0)} s`).join(', ')}`
  );
}
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
