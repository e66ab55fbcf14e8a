/**
 * npm run train:attention — trains figure 8b's tiny transformers and writes
 *   static/models/attention-‹wiring›-seed‹n›.safetensors (both wirings, seeds 1–4)
 *   static/models/attention-metrics.json
 *
 * Every seed is shipped, so the page can show how differently runs with the same settings end up
 * (some binding runs plateau; plain runs find shortcuts). The run the figure opens on is chosen by
 * `selectSeed`, a rule that never looks at the held-out sentences.
 * tests/unit/attention/shipped.test.ts reloads every file and recomputes its numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { saveParams } from '../src/lib/engine';
import { AttentionTrainer, DEFAULT_TRAIN_CONFIG } from '../src/lib/models/attention/attention-trainer';
import { selectSeed, splitEvaluation, weightsFile, type SeedMetrics, type AttentionMetrics } from '../src/lib/models/attention/attention-metrics';
import { parameterCount, parameters, type Wiring } from '../src/lib/models/attention/tiny-transformer';

const SEEDS = [1, 2, 3, 4];
const TAIL = 50;

function trainSeed(wiring: Wiring, seed: number) {
  const trainer = new AttentionTrainer({ ...DEFAULT_TRAIN_CONFIG, wiring, seed });
  const losses: number[] = [];
  const start = Date.now();
  while (!trainer.finished()) losses.push(trainer.step());
  const tail = losses.slice(-TAIL);
  const metrics: SeedMetrics = {
    seed,
    finalTrainLoss: tail.reduce((a, b) => a + b, 0) / tail.length,
    ...splitEvaluation(trainer.model)
  };
  const bytes = saveParams(parameters(trainer.model), { wiring, seed: String(seed), steps: String(DEFAULT_TRAIN_CONFIG.steps) });
  writeFileSync(`static/models/${weightsFile(wiring, seed)}`, bytes);
  console.log(`${wiring} seed ${seed}: ${JSON.stringify(metrics)} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  return { parameters: parameterCount(trainer.model), metrics };
}

const out: AttentionMetrics = {
  config: DEFAULT_TRAIN_CONFIG,
  selectionRule: 'most training sentences where the shown head gives the right noun > 0.5 of "it"\'s weight; ties: lower training loss',
  wirings: {} as AttentionMetrics['wirings']
};
mkdirSync('static/models', { recursive: true });
for (const wiring of ['binding', 'plain'] as const) {
  const runs = SEEDS.map((seed) => trainSeed(wiring, seed));
  const seeds = runs.map((r) => r.metrics);
  out.wirings[wiring] = { shippedSeed: selectSeed(seeds), parameters: runs[0].parameters, seeds };
}
writeFileSync('static/models/attention-metrics.json', JSON.stringify(out, null, 2) + '\n');
console.log('wrote static/models/attention-*.safetensors and attention-metrics.json');
