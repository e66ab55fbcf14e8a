/**
 * Figure 7b's "train from scratch" run in Node: the worker's own trainer (ScratchTrainer) on the
 * real clock, for the figure's budget or another one, printing its steps and the test accuracy it
 * scores. Two uses, both measurements (nothing here chooses anything):
 *   - beside `npm run bench:page -- --only scratch` at the same moment, Chromium's speed against
 *     Node's (the steps each takes in the same seconds): scripts/choose-scratch-recipe.ts's
 *     BROWSER_FACTOR;
 *   - with --seconds 120 (say), what a twice-as-fast engine would reach in the figure's minute.
 *
 *   npx tsx bench/scratch-node.ts [--seconds 60] [--runs 1]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ScratchTrainer } from '../src/lib/models/cnn/cnn-scratch';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};
const seconds = arg('seconds') ?? 60;
const runs = arg('runs') ?? 1;
const trainer = new ScratchTrainer((url) => new Uint8Array(readFileSync(url)));
console.log(`recipe ${trainer.recipe.name}, ${seconds} s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
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
