import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, Tape, Tensor, normal, topk } from '$lib/engine';
import {
  attentionTarget, indexScores, indexerKl, initIndexer, orderByScore, rankOf, type LightningIndexer
} from '$lib/models/indexer/lightning-indexer';
import { MODEL_DIM } from '$lib/models/indexer/recall-model';
import { QUERIES } from '$lib/models/indexer/recall-task';
import { centralDifference } from '../support/finite-differences';

const D = MODEL_DIM;

/** I(t, s) = Σ_j w(t, j) · ReLU(q(t, j) · k(s)), written as loops in float64 straight from the weights. */
function directScores(ix: LightningIndexer, hidden: Tensor): Float64Array {
  const [B, L] = hidden.shape;
  const { heads: H, dim } = ix.shape;
  const h = (b: number, t: number, d: number) => hidden.data[(b * L + t) * D + d];
  const out = new Float64Array(B * QUERIES * L);
  for (let b = 0; b < B; b++) {
    for (let qi = 0; qi < QUERIES; qi++) {
      const t = L - QUERIES + qi;
      for (let s = 0; s < L; s++) {
        if (s > t) {
          out[(b * QUERIES + qi) * L + s] = -Infinity;
          continue;
        }
        let I = 0;
        for (let j = 0; j < H; j++) {
          let w = 0, dot = 0;
          for (let d = 0; d < D; d++) w += h(b, t, d) * ix.ww.data[d * H + j];
          for (let c = 0; c < dim; c++) {
            let q = 0, k = 0;
            for (let d = 0; d < D; d++) {
              q += h(b, t, d) * ix.wq.data[d * H * dim + j * dim + c];
              k += h(b, s, d) * ix.wk.data[d * dim + c];
            }
            dot += q * k;
          }
          I += w * Math.max(0, dot);
        }
        out[(b * QUERIES + qi) * L + s] = I;
      }
    }
  }
  return out;
}

/** KL(p ‖ softmax(I)) per row, averaged, in float64 over the visible positions. */
function directKl(I: Float64Array, p: Float32Array, L: number): number {
  const rows = I.length / L;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let s = 0; s < L; s++) m = Math.max(m, I[r * L + s]);
    let z = 0;
    for (let s = 0; s < L; s++) if (I[r * L + s] !== -Infinity) z += Math.exp(I[r * L + s] - m);
    for (let s = 0; s < L; s++) {
      const ps = p[r * L + s];
      if (ps > 0) total += ps * (Math.log(ps) - (I[r * L + s] - m - Math.log(z)));
    }
  }
  return total / rows;
}

function randomCase(seed: number, B = 2, L = 14) {
  const rng = new Rng(seed);
  const ix = initIndexer(rng, { heads: 3, dim: 4 });
  const hidden = normal(rng, [B, L, D], 0, 1);
  // A causal target distribution: random positive weights on the visible positions.
  const p = new Float32Array(B * QUERIES * L);
  for (let r = 0; r < B * QUERIES; r++) {
    const visible = L - QUERIES + (r % QUERIES) + 1;
    let z = 0;
    for (let s = 0; s < visible; s++) z += p[r * L + s] = rng.uniform() ** 3;
    for (let s = 0; s < visible; s++) p[r * L + s] /= z;
  }
  return { ix, hidden, target: new Tensor(p, [B, QUERIES, L]) };
}

describe('lightning indexer', () => {
  it('index scores equal the formula evaluated by a direct loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const { ix, hidden } = randomCase(seed);
        const got = indexScores(new Tape({ record: false }), ix, hidden).data;
        const want = directScores(ix, hidden);
        for (let i = 0; i < want.length; i++) {
          if (want[i] === -Infinity) expect(got[i]).toBeLessThan(-1e29);
          else expect(got[i]).toBeCloseTo(want[i], 3);
        }
      }),
      { numRuns: 8 }
    );
  });

  it('KL loss equals a float64 direct computation, and is never negative', () => {
    for (const seed of [1, 2, 3]) {
      const { ix, hidden, target } = randomCase(seed);
      const kl = indexerKl(new Tape({ record: false }), indexScores(new Tape({ record: false }), ix, hidden), target).item();
      const want = directKl(directScores(ix, hidden), target.data, hidden.shape[1]);
      expect(kl).toBeCloseTo(want, 4);
      expect(want).toBeGreaterThan(0);
    }
  });

  it('KL gradient with respect to every indexer weight matches central finite differences (float64 reference)', () => {
    const { ix, hidden, target } = randomCase(7);
    const tape = new Tape();
    const kl = indexerKl(tape, indexScores(tape, ix, hidden), target);
    tape.backward(kl);
    const L = hidden.shape[1];
    const rng = new Rng(99);
    for (const w of [ix.wq, ix.ww, ix.wk]) {
      for (let trial = 0; trial < 6; trial++) {
        const i = rng.int(w.size);
        // A small step (few ReLU kinks crossed).
        const fd = centralDifference(() => directKl(directScores(ix, hidden), target.data, L), w.data, i, 1e-3);
        expect(Math.abs(w.grad![i] - fd)).toBeLessThan(2e-4 + 1e-2 * Math.abs(fd));
      }
    }
  });

  it('the warm-up target sums attention over heads and renormalises each row', () => {
    const rng = new Rng(3);
    const [B, H, L] = [2, 3, 12];
    const att = new Float32Array(B * H * QUERIES * L);
    for (let i = 0; i < att.length; i++) att[i] = rng.uniform();
    const t = attentionTarget(new Tensor(att, [B, H, QUERIES, L]));
    expect(t.shape).toEqual([B, QUERIES, L]);
    for (let b = 0; b < B; b++) {
      for (let q = 0; q < QUERIES; q++) {
        let rowSum = 0, rawSum = 0;
        for (let s = 0; s < L; s++) rowSum += t.data[(b * QUERIES + q) * L + s];
        for (let h = 0; h < H; h++) for (let s = 0; s < L; s++) rawSum += att[((b * H + h) * QUERIES + q) * L + s];
        expect(rowSum).toBeCloseTo(1, 5);
        // Proportional to the head sum at one position:
        let at0 = 0;
        for (let h = 0; h < H; h++) at0 += att[((b * H + h) * QUERIES + q) * L];
        expect(t.data[(b * QUERIES + q) * L]).toBeCloseTo(at0 / rawSum, 5);
      }
    }
  });

  it('rank < k exactly when the engine top-k keeps the position, and the order starts with that top-k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (values, sPick, kPick) => {
          // Small integers force ties, where the tie rule matters.
          const n = values.length;
          const s = sPick % n, k = 1 + (kPick % n);
          const row = Float32Array.from(values);
          const kept = Array.from(topk(new Tape({ record: false }), new Tensor(row, [n]), k).indices);
          expect(rankOf(row, 0, n, s) < k).toBe(kept.includes(s));
          expect(Array.from(orderByScore(row, 0, n).subarray(0, k))).toEqual(kept);
        }
      ),
      { numRuns: 150 }
    );
  });
});
