/**
 * Trains the network of sections 4 and 5 on New York City's daily cases and writes
 *   static/models/nyc-mlp.safetensors   seeded start and trained knobs, with the settings
 *   static/models/nyc-mlp.json          what the run reached, re-checked by tests/unit/models
 * Run: npm run train:mlp   (deterministic: the same code writes the same bytes)
 */
import { writeFileSync } from 'node:fs';
import { Mlp } from '../src/lib/models/mlp/mlp';
import { NYC_TASK } from '../src/lib/models/mlp/nyc-curve-task';
import { SHIPPED_TRAINING as SHIPPED, encodeNycMlp } from '../src/lib/models/mlp/nyc-mlp-file';
import { trainNycMlp } from '../src/lib/models/mlp/nyc-mlp-trainer';

const started = performance.now();
const init = new Mlp(SHIPPED.width, SHIPPED.seed);
const trained = trainNycMlp({ seed: SHIPPED.seed, width: SHIPPED.width, optimizer: 'adam', lr: SHIPPED.lr }, SHIPPED.steps);
const metrics = {
  file: 'nyc-mlp.safetensors',
  ...SHIPPED,
  knobs: trained.knobCount,
  days: NYC_TASK.n,
  countScale: NYC_TASK.countScale,
  scaling: 'x = 2·day/(days − 1) − 1, y = count / countScale; loss = mean squared error in these units',
  initLoss: init.loss(NYC_TASK),
  trainedLoss: trained.loss(NYC_TASK)
};
writeFileSync('static/models/nyc-mlp.safetensors', encodeNycMlp(init, trained, SHIPPED));
writeFileSync('static/models/nyc-mlp.json', JSON.stringify(metrics, null, 2) + '\n');
console.log(`trained ${SHIPPED.steps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s:`, metrics.initLoss, '→', metrics.trainedLoss);
