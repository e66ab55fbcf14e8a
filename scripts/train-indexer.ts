/**
 * Trains the two models of figure 11 and ships them (npm run train:indexer; seeded, deterministic):
 *
 *  1. the dense recall model (recall-model.ts) on the associative-recall task at length 64, then
 *     fine-tuned at length 1024 so its attention stays sharp among a thousand distractors;
 *  2. the lightning indexer (lightning-indexer.ts) with that model frozen, by the KL warm-up of the
 *     DeepSeek-V3.2 report (arXiv:2512.02556).
 *
 * Writes static/models/recall-main.safetensors, static/models/indexer.safetensors and
 * static/models/indexer-metrics.json (the numbers tests/unit/indexer recomputes from the weights).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Adam, Rng, Tape, saveParams, type Tensor } from '../src/lib/engine';
import { denseAccuracy, initRecallModel, recallLoss, parameters as recallModelParameters, type RecallModel } from '../src/lib/models/indexer/recall-model';
import { makeRecallBatch } from '../src/lib/models/indexer/recall-task';
import { INDEXER_SHAPE, parameters as indexerParameters, type LightningIndexer } from '../src/lib/models/indexer/lightning-indexer';
import { IndexerTrainer } from '../src/lib/models/indexer/indexer-trainer';
import { METRIC_SETS, evaluationBatch, metricsAt } from '../src/lib/models/indexer/indexer-metrics';

const SEED = 11;
const SHORT = { length: 64, batch: 64, steps: 1000, lr: 3e-3 };
const LONG = { length: 1024, batch: 16, steps: 300, lr: 1e-3 };
const INDEXER = { length: 1024, batch: 8, steps: 600, lr: 3e-3 };

function train(label: string, m: RecallModel, rng: Rng, cfg: { length: number; batch: number; steps: number; lr: number }) {
  const params = recallModelParameters(m);
  const opt = new Adam(params, { lr: cfg.lr });
  const tape = new Tape();
  const check = makeRecallBatch(new Rng(SEED * 1000 + cfg.length), 256, cfg.length);
  const started = Date.now();
  for (let step = 1; step <= cfg.steps; step++) {
    tape.reset();
    const { loss } = recallLoss(tape, m, makeRecallBatch(rng, cfg.batch, cfg.length));
    tape.backward(loss);
    opt.step();
    if (step % 100 === 0 || step === cfg.steps) {
      const acc = denseAccuracy(m, check);
      console.log(`${label} step ${step}: loss ${loss.item().toFixed(4)}, held-out accuracy ${(acc * 100).toFixed(2)}% (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
}

function main() {
  const rng = new Rng(SEED);
  const model = initRecallModel(rng.split());
  train('dense L=64', model, rng.split(), SHORT);
  train('dense L=1024', model, rng.split(), LONG);

  const trainer = new IndexerTrainer();
  trainer.resetWith(model, { seed: SEED + 1, length: INDEXER.length, batch: INDEXER.batch, lr: INDEXER.lr });
  const history: { step: number; kl: number }[] = [];
  for (let step = 1; step <= INDEXER.steps; step++) {
    const kl = trainer.step();
    if (step % 10 === 0) history.push({ step, kl: Number(kl.toFixed(5)) });
    if (step % 50 === 0) console.log(`indexer step ${step}: KL ${kl.toFixed(4)}`);
  }
  const indexer: LightningIndexer = trainer.indexer!;

  const metrics = METRIC_SETS.map((set) => metricsAt(model, indexer, evaluationBatch(set), set.seed));
  for (const r of metrics) console.log(JSON.stringify(r));

  mkdirSync('static/models', { recursive: true });
  const meta = { task: 'associative recall (recall-task.ts)', script: 'scripts/train-indexer.ts', seed: String(SEED) };
  writeFileSync('static/models/recall-main.safetensors', saveParams(recallModelParameters(model), meta));
  writeFileSync('static/models/indexer.safetensors', saveParams(indexerParameters(indexer), { ...meta, shape: JSON.stringify(INDEXER_SHAPE) }));
  const report = {
    seed: SEED,
    training: { dense: [SHORT, LONG], indexer: INDEXER },
    indexer: INDEXER_SHAPE,
    indexerKl: history,
    metrics
  };
  writeFileSync('static/models/indexer-metrics.json', JSON.stringify(report, null, 1) + '\n');
  const size = (ts: Tensor[]) => ts.reduce((s, t) => s + t.size, 0);
  console.log(`main model ${size(recallModelParameters(model))} parameters, indexer ${size(indexerParameters(indexer))}`);
}

main();
