import { describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import { createTinyTransformer, forward, parameters, D_MODEL } from '$lib/models/attention/tiny-transformer';
import { attentionHandoff } from '$lib/models/attention/attention-handoff';
import { dotProductMatrix, headSteps } from '$lib/models/attention/attention-steps';
import { LECTURE_TIRED, LECTURE_WIDE, SENTENCE_LENGTH, makeSentence, tokenId } from '$lib/models/attention/winograd-corpus';
import { centralDifference } from '../support/finite-differences';

const T = SENTENCE_LENGTH;
const tired = makeSentence(LECTURE_TIRED).tokens, wide = makeSentence(LECTURE_WIDE).tokens;

describe('tiny transformer', () => {
  for (const wiring of ['binding', 'plain'] as const) {
    it(`${wiring}: every attention row sums to 1 and is non-negative`, () => {
      const m = createTinyTransformer(wiring, 7);
      const { layers } = forward(new Tape({ record: false }), m, [...tired, ...wide]);
      for (const l of layers) {
        const w = l.weights.data;
        expect(l.weights.shape).toEqual([2, T, T]);
        for (let r = 0; r < 2 * T; r++) {
          let s = 0;
          for (let c = 0; c < T; c++) { expect(w[r * T + c]).toBeGreaterThanOrEqual(0); s += w[r * T + c]; }
          expect(s).toBeCloseTo(1, 5);
        }
      }
    });

    it(`${wiring}: the step-through's loops reproduce the engine's forward pass`, () => {
      const m = createTinyTransformer(wiring, 3);
      const { layers } = forward(new Tape({ record: false }), m, wide);
      const steps = headSteps(m, wide);
      for (let l = 0; l < 2; l++) {
        for (const key of ['x', 'q', 'k', 'v', 'scores', 'scaled', 'weights', 'output'] as const) {
          const engine = layers[l][key].data;
          const loops = steps[l][key].flat();
          expect(loops.length).toBe(engine.length);
          loops.forEach((v, i) => expect(v).toBeCloseTo(engine[i], 4));
        }
      }
      expect(steps[1].valueFromRawEmbeddings).toBe(wiring === 'binding');
    });
  }

  it('the binding wiring answers only from what "it" attends to in layer 2', () => {
    // The classifier input is Σ_j w(it, j) · (E[token_j] · W_V): a blend of raw word embeddings.
    const m = createTinyTransformer('binding', 5);
    const steps = headSteps(m, tired);
    const w = steps[1].weights[7];
    const expected = Array.from({ length: D_MODEL }, (_, c) => w.reduce((s, wj, j) => s + wj * steps[1].v[j][c], 0));
    expect(steps[1].output[7].map((v, i) => v - expected[i]).every((d) => Math.abs(d) < 1e-9)).toBe(true);
    const raw = steps[1].valueInput;
    expect(raw[1]).toEqual(Array.from(m.tokenEmbedding.data.subarray(tokenId('animal') * D_MODEL, (tokenId('animal') + 1) * D_MODEL)));
  });

  it('the rigid rule: "it"·"animal" is the same number whatever the adjective', () => {
    const m = createTinyTransformer('binding', 1);
    const a = dotProductMatrix(m, tired), b = dotProductMatrix(m, wide);
    expect(a[7][1]).toBe(b[7][1]);
    expect(a[7][5]).toBe(b[7][5]);
    // symmetric, and the diagonal is the squared length
    expect(a[1][7]).toBeCloseTo(a[7][1], 10);
    const e = Array.from(m.tokenEmbedding.data.subarray(tokenId('it') * D_MODEL, (tokenId('it') + 1) * D_MODEL));
    expect(a[7][7]).toBeCloseTo(e.reduce((s, v) => s + v * v, 0), 4);
    expect(a[7][9]).not.toBe(b[7][9]);
  });
});

describe('attention handoff (figure 9)', () => {
  it('loss is −log p of the right noun, and the largest slope matches a finite difference', () => {
    const m = createTinyTransformer('binding', 2);
    const s = makeSentence(LECTURE_WIDE);
    const h = attentionHandoff(m, s);
    expect(h.loss).toBeCloseTo(-Math.log(h.probability), 5);
    expect(h.knobs).toBe(parameters(m).reduce((n, p) => n + p.size, 0));
    // find the knob with the largest slope and check it by central differences
    let where: [number, number] = [0, 0];
    parameters(m).forEach((p, i) => p.grad?.forEach((g, j) => { if (Math.abs(g) === h.largestSlope) where = [i, j]; }));
    const p = parameters(m)[where[0]], j = where[1], g = p.grad![j];
    expect(centralDifference(() => attentionHandoff(m, s).loss, p.data, j, 1e-2)).toBeCloseTo(g, 2);
    expect(Math.abs(g)).toBe(h.largestSlope);
  });
});
