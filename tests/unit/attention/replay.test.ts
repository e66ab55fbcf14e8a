import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttentionTrainer, DEFAULT_TRAIN_CONFIG } from '$lib/models/attention/attention-trainer';
import { modelFromSafetensors, weightsFile, type AttentionMetrics } from '$lib/models/attention/attention-metrics';
import { parameters } from '$lib/models/attention/tiny-transformer';

const metrics: AttentionMetrics = JSON.parse(readFileSync('static/models/attention-metrics.json', 'utf8'));

describe("figure 8b's training replay", () => {
  it('is the shipped run: same seed and batches end on the shipped weights', () => {
    const seed = metrics.wirings.binding.shippedSeed;
    const trainer = new AttentionTrainer({ ...DEFAULT_TRAIN_CONFIG, wiring: 'binding', seed });
    while (!trainer.finished()) trainer.step();
    const shipped = modelFromSafetensors(new Uint8Array(readFileSync(`static/models/${weightsFile('binding', seed)}`)));
    const a = parameters(trainer.model), b = parameters(shipped);
    for (let i = 0; i < a.length; i++) expect(Array.from(a[i].data)).toEqual(Array.from(b[i].data));
  }, 600_000); // 600 training steps: seconds alone, minutes on a loaded machine (a limit on waiting, not the thing tested)
});
