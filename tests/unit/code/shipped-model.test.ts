/**
 * static/models/code-model.safetensors and code-model-metrics.json, checked against each other and
 * against the corpus: whatever weights are shipped (a smoke run's or the real run's), the held-out
 * figures must be what these weights give. Every twelfth held-out file is re-read, small and large
 * alike (the whole split takes a minute and a half of CPU, too much for every run of the suite);
 * the total is checked against the per-file list.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CodeBaselines } from '$lib/models/code/code-baselines';
import { encodeFiles } from '$lib/models/code/code-baselines';
import { fileBits } from '$lib/models/code/code-model-bits';
import { codeModelFromSafetensors, type CodeModelMetrics } from '$lib/models/code/code-model-file';
import { parameterCount } from '$lib/models/code/code-transformer';
import { readCorpus, splitTexts } from '../../../scripts/code-corpus-source';

const metrics = JSON.parse(readFileSync('static/models/code-model-metrics.json', 'utf8')) as CodeModelMetrics;
const baselines = JSON.parse(readFileSync('static/models/code-baselines.json', 'utf8')) as CodeBaselines;
const model = codeModelFromSafetensors(new Uint8Array(readFileSync('static/models/code-model.safetensors')));
const heldout = encodeFiles(splitTexts(readCorpus().files, 'heldout'));

describe('the shipped code model', () => {
  it('is the model its metrics file describes', () => {
    expect(model.config).toEqual(metrics.config);
    expect(parameterCount(model)).toBe(metrics.parameters);
    expect(metrics.tokensSeen).toBe(metrics.steps * metrics.recipe.batch * metrics.recipe.window);
  });

  it('gives the recorded bits on every held-out file, and the recorded bits per character in total', () => {
    expect(metrics.heldoutBitsPerFile).toHaveLength(heldout.length);
    let total = 0;
    heldout.forEach((f, i) => {
      const bits = fileBits(model, f.bytes);
      expect(Math.abs(bits - metrics.heldoutBitsPerFile[i]), `held-out file ${i}`).toBeLessThan(1e-2);
      total += bits;
    });
    const chars = heldout.reduce((n, f) => n + f.chars, 0);
    expect(metrics.heldout.files).toBe(heldout.length);
    expect(metrics.heldout.chars).toBe(chars);
    // The page shows three decimals: the recomputed figure must round to the shipped one.
    expect(Math.abs(total / chars - metrics.heldout.modelBpc)).toBeLessThan(5e-4);
  }, 600_000);

  it('records each file to 10⁻³, and the per-file bits add up to the recorded total', () => {
    const chars = heldout.reduce((n, f) => n + f.chars, 0);
    // Each file's bits are recorded to 10⁻³: the sum may be off by 5·10⁻⁴ a file.
    const sum = metrics.heldoutBitsPerFile.reduce((s, b) => s + b, 0);
    expect(Math.abs(sum / chars - metrics.heldout.modelBpc)).toBeLessThan((5e-4 * heldout.length) / chars + 1e-12);
  });

  it('quotes the baselines as static/models/code-baselines.json measured them', () => {
    expect(metrics.heldout.ngramBpc).toBe(baselines.ngramBpc);
    expect(metrics.heldout.ngramOrder).toBe(baselines.ngramOrder);
    expect(metrics.heldout.ngramSmoothing).toBe(baselines.ngramSmoothing);
    expect(metrics.heldout.unigramBpc).toBe(baselines.unigramBpc);
    expect(metrics.heldout.unigramSmoothing).toBe(baselines.unigramSmoothing);
  });
});
