import { describe, expect, it } from 'vitest';
import { bracketHeads, bracketPairs } from '$lib/models/code/bracket-heads';
import { headAttention } from '$lib/models/code/code-head-attention';
import { utf8Bytes } from '$lib/models/code/code-bytes';
import { shakenCodeModel } from './shaken-model';

const shakenModel = (seed: number) => shakenCodeModel({ context: 32, dModel: 12, heads: 3, layers: 2, hidden: 16 }, seed);

const codes = (s: string) => Array.from(utf8Bytes(s));

describe('bracket pairs', () => {
  it('match as a parser would, nested and of three kinds', () => {
    expect(bracketPairs(codes('f(a[0], {b: (c)})'))).toEqual([[3, 5], [12, 14], [8, 15], [1, 16]]);
  });
  it('leave out closers with no opener, and start over where kinds disagree', () => {
    expect(bracketPairs(codes(') (]x) ()'))).toEqual([[7, 8]]);
  });
});

describe('the heads that look from before a closer to its opener', () => {
  it('are measured as the mean of each head’s own weights, every head listed, most first', () => {
    const model = shakenModel(3);
    const text = 'if (a) { g(b[1]); }';
    const reading = bracketHeads(model, text);
    const { context, layers, heads } = model.config;
    expect(reading.heads).toHaveLength(layers * heads);
    for (let i = 1; i < reading.heads.length; i++) expect(reading.heads[i].weight).toBeLessThanOrEqual(reading.heads[i - 1].weight);
    // Recomputed from the one-head view the figure draws (the window starts with the file-start mark: positions shift by one).
    const pairs = bracketPairs(codes(text)).filter(([o, c]) => c - 1 > o).map(([o, c]) => [o + 1, c + 1]);
    expect(reading.pairs).toBe(pairs.length);
    expect(reading.last).toEqual(pairs.at(-1));
    expect(context).toBeGreaterThan(text.length);
    for (const { layer, head, weight } of reading.heads) {
      const { labels, weights } = headAttention(model, text, layer, head);
      const n = labels.length;
      const mean = pairs.reduce((s, [o, c]) => s + weights[(c - 1) * n + o], 0) / pairs.length;
      expect(weight).toBeCloseTo(mean, 6);
    }
  });
  it('say so when the window holds no pair', () => {
    expect(bracketHeads(shakenModel(3), 'a + b () c')).toEqual({ pairs: 0, heads: [], last: null });
  });
});
