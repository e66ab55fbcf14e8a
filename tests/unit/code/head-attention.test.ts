import { describe, expect, it } from 'vitest';
import { saveParams } from '$lib/engine';
import { parameters, read, type CodeTransformerConfig } from '$lib/models/code/code-transformer';
import { codeModelFromSafetensors } from '$lib/models/code/code-model-file';
import { headAttention, headProjections } from '$lib/models/code/code-head-attention';
import { readingWindow } from '$lib/models/code/code-writer';
import { shakenCodeModel } from './shaken-model';

const TINY: CodeTransformerConfig = { context: 12, dModel: 12, heads: 3, layers: 2, hidden: 16 };

const shaken = (seed: number) => shakenCodeModel(TINY, seed, 0.5);

describe('one head of the code model, opened up', () => {
  it('every head’s rows sum to one and are zero right of the diagonal, over the reading window', () => {
    const m = shaken(1);
    for (const text of ['', 'ab', 'function λ() {}\n\treturn 1;']) {
      const T = readingWindow(text, TINY.context).symbols.length;
      for (let layer = 0; layer < TINY.layers; layer++) {
        for (let head = 0; head < TINY.heads; head++) {
          const { labels, weights } = headAttention(m, text, layer, head);
          expect(labels).toHaveLength(T);
          expect(weights).toHaveLength(T * T);
          for (let i = 0; i < T; i++) {
            let s = 0;
            for (let j = 0; j < T; j++) {
              if (j > i) expect(weights[i * T + j]).toBe(0);
              s += weights[i * T + j];
            }
            expect(s).toBeCloseTo(1, 5);
          }
        }
      }
    }
    expect(headAttention(m, '', 0, 0).labels).toEqual(['␂']);
    expect(headAttention(m, 'x'.repeat(40), 0, 0).labels).toEqual(Array(TINY.context).fill('x'));
  });

  it('is the head’s block of the trace read() gives', () => {
    const m = shaken(2);
    const { symbols } = readingWindow('let a = 1;', TINY.context);
    const T = symbols.length;
    const all = read(m, symbols).layers[1].weights.data;
    expect(Array.from(headAttention(m, 'let a = 1;', 1, 2).weights)).toEqual(Array.from(all.subarray(2 * T * T, 3 * T * T)));
  });

  it('W_Q, W_K, W_V of head h are columns h·d/H … (h+1)·d/H − 1', () => {
    const m = shaken(3);
    const d = TINY.dModel, hd = d / TINY.heads;
    for (const [layer, head] of [[0, 0], [1, 2]]) {
      const p = headProjections(m, layer, head);
      expect([p.dModel, p.headDim]).toEqual([d, hd]);
      const a = m.blocks[layer].attention;
      for (const [slice, full] of [[p.wq, a.wq], [p.wk, a.wk], [p.wv, a.wv]] as const) {
        for (let r = 0; r < d; r++) for (let c = 0; c < hd; c++) expect(slice[r * hd + c]).toBe(full.data[r * d + head * hd + c]);
      }
    }
    expect(() => headProjections(m, 2, 0)).toThrow(/layer 2/);
    expect(() => headAttention(m, 'x', 0, 3)).toThrow(/head 3/);
  });

  it('a weights file comes back as the same model, its size from the metadata', () => {
    const m = shaken(4);
    const bytes = saveParams(parameters(m), { config: JSON.stringify(TINY) });
    const back = codeModelFromSafetensors(bytes);
    expect(back.config).toEqual(TINY);
    expect(Array.from(read(back, [256, 1, 2]).logits.data)).toEqual(Array.from(read(m, [256, 1, 2]).logits.data));
    expect(() => codeModelFromSafetensors(saveParams(parameters(m)))).toThrow(/config/);
  });
});
