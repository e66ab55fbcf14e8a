import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFromSafetensors, selectSeed, splitEvaluation, weightsFile, type AttentionMetrics } from '$lib/models/attention/attention-metrics';
import { parameterCount } from '$lib/models/attention/tiny-transformer';
import { itRows } from '$lib/models/attention/attention-trainer';
import { LECTURE_TIRED, LECTURE_WIDE, makeSentence } from '$lib/models/attention/winograd-corpus';

const metrics: AttentionMetrics = JSON.parse(readFileSync('static/models/attention-metrics.json', 'utf8'));
const load = (wiring: 'binding' | 'plain', seed = metrics.wirings[wiring].shippedSeed) =>
  modelFromSafetensors(new Uint8Array(readFileSync(`static/models/${weightsFile(wiring, seed)}`)));

describe('shipped attention weights', () => {
  for (const wiring of ['binding', 'plain'] as const) {
    it(`${wiring}: every seed's weights reproduce the metrics file`, () => {
      for (const recorded of metrics.wirings[wiring].seeds) {
        const m = load(wiring, recorded.seed);
        expect(m.wiring).toBe(wiring);
        const again = splitEvaluation(m);
        expect(again.heldOutSentences).toBe(recorded.heldOutSentences);
        for (const split of ['train', 'heldOut'] as const) {
          expect(again[split].accuracy).toBeCloseTo(recorded[split].accuracy, 6);
          expect(again[split].bindingRate).toBeCloseTo(recorded[split].bindingRate, 6);
          expect(again[split].meanWeightOnAnswer).toBeCloseTo(recorded[split].meanWeightOnAnswer, 5);
        }
        expect(parameterCount(m)).toBe(metrics.wirings[wiring].parameters);
      }
      expect(selectSeed(metrics.wirings[wiring].seeds)).toBe(metrics.wirings[wiring].shippedSeed);
    });
  }

  it('binding model meets the targets: ≥ 95% held-out accuracy, > half the weight on the noun in ≥ 90%', () => {
    const s = metrics.wirings.binding.seeds.find((r) => r.seed === metrics.wirings.binding.shippedSeed)!.heldOut;
    expect(s.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(s.bindingRate).toBeGreaterThanOrEqual(0.9);
  });

  it('binding model: switching tired ↔ wide moves "it" from animal to street in layer 2', () => {
    const m = load('binding');
    const tired = itRows(m, makeSentence(LECTURE_TIRED).tokens)[1];
    const wide = itRows(m, makeSentence(LECTURE_WIDE).tokens)[1];
    expect(tired[1]).toBeGreaterThan(0.5);
    expect(wide[5]).toBeGreaterThan(0.5);
  });
});
