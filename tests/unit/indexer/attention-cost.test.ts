import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FIGURE_11_SHAPE, computeSaved, denseMacs, pairsRead, sparseMacs, sparseParts } from '$lib/models/indexer/attention-cost';

/** Multiply-adds counted by walking the loops one token and one earlier token at a time. */
function walked(length: number, k: number | null) {
  const { model: D, key: dk, value: dv, indexer } = FIGURE_11_SHAPE;
  const { heads: H, dim } = indexer;
  let macs = 0;
  for (let t = 1; t <= length; t++) {
    macs += D * (2 * dk + dv);
    if (k !== null) macs += D * (H * dim + H + dim);
    for (let s = 1; s <= t; s++) {
      if (k !== null) macs += H * dim + H;
    }
    const read = k === null ? t : Math.min(t, k);
    for (let s = 1; s <= read; s++) macs += dk + dv;
  }
  return macs;
}

/** The indexer's share alone, walked: what sparse attention spends that dense does not. */
function walkedIndexer(length: number) {
  const { model: D, indexer } = FIGURE_11_SHAPE;
  const { heads: H, dim } = indexer;
  let macs = 0;
  for (let t = 1; t <= length; t++) macs += D * (H * dim + H + dim) + t * (H * dim + H);
  return macs;
}

describe('attention cost', () => {
  it("splits sparse attention into the indexer's part and attention's part, adding up to the whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 400 }), (L, k) => {
        const parts = sparseParts(L, k);
        expect(parts.indexer).toBe(walkedIndexer(L));
        expect(parts.indexer + parts.attention).toBe(walked(L, k));
        // With every token kept, attention's part is dense attention itself.
        expect(sparseParts(L, L).attention).toBe(denseMacs(L));
      }),
      { numRuns: 40 }
    );
  });

  it('closed forms equal a walk over every token pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 400 }), (L, k) => {
        expect(denseMacs(L)).toBe(walked(L, null));
        expect(sparseMacs(L, k)).toBe(walked(L, k));
      }),
      { numRuns: 40 }
    );
  });

  it('dense grows with the square of the length, sparse with a fixed k only linearly beyond the indexer', () => {
    expect(pairsRead(2048)).toBe(2048 * 2049 / 2);
    expect(pairsRead(2048, 64)).toBe(64 * 65 / 2 + (2048 - 64) * 64);
    // Doubling L roughly quadruples dense work.
    expect(denseMacs(8192) / denseMacs(4096)).toBeGreaterThan(3.9);
    // Keeping everything saves nothing: the indexer is pure overhead.
    expect(computeSaved(1024, 1024)).toBeLessThan(0);
    expect(computeSaved(4096, 128)).toBeGreaterThan(computeSaved(4096, 1024));
  });
});
