import { describe, expect, it } from 'vitest';
import { BYTE_VOCAB, FILE_START, utf8Bytes } from '$lib/models/code/code-bytes';
import { KneserNey, discounts } from '$lib/models/code/kneser-ney';
import { Unigram } from '$lib/models/code/unigram';
import { ReversedTrie } from '$lib/models/code/reversed-trie';

const bytes = (s: string) => utf8Bytes(s);
const total = (p: Float64Array) => p.reduce((a, b) => a + b, 0);
const A = 97, B = 98;

/** A small code-like corpus with repeats, file starts and a non-ASCII character. */
const SMALL = ['export function f(a) {\n\treturn a + 1;\n}\n', 'export const x = f(2);\n', 'const é = "ü";\n', 'function g() {}\n'].map(bytes);

describe('the reversed trie', () => {
  it('stores strings first symbol first, children extending to the left, through growth', () => {
    const t = new ReversedTrie(4);
    const ab = t.add(t.add(0, B), A); // "ab": b, then a prepended
    for (let i = 0; i < 50; i++) t.add(t.add(0, i), 300); // forces several grows
    expect(t.find([A, B])).toBe(ab);
    expect(t.depth[ab]).toBe(2);
    expect(t.count[ab]).toBe(1);
    expect(t.find([B, A])).toBe(-1);
    expect(t.find([300, 49])).toBeGreaterThan(0);
    expect(t.count[t.find([7])]).toBe(1);
  });
});

describe('Kneser–Ney byte n-grams', () => {
  it('match a hand computation on "aaab" (order 2, every discount 0.5)', () => {
    const D = 0.5;
    const kn = new KneserNey([bytes('aaab')], 2, D);
    // Continuation counts of single bytes: "a" follows file start and "a" → 2; "b" follows "a" → 1.
    // Empty context: total 3, N₁ = 1 (b), N₂ = 1 (a); γ = (D + D) / 3.
    const p0 = (c: number) => (Math.max(c - D, 0) + 2 * D / BYTE_VOCAB) / 3;
    const p0a = p0(2), p0b = p0(1), p0z = p0(0);
    // After "a" (raw): "aa" twice, "ab" once → total 3, N₁ = 1, N₂ = 1.
    const afterA = kn.distribution(2, [A]);
    expect(afterA[A]).toBeCloseTo((2 - D + 2 * D * p0a) / 3, 14);
    expect(afterA[B]).toBeCloseTo((1 - D + 2 * D * p0b) / 3, 14);
    expect(afterA[122]).toBeCloseTo((2 * D * p0z) / 3, 14);
    // At the file start: "a" once → total 1, N₁ = 1.
    expect(kn.distribution(2, [FILE_START])[A]).toBeCloseTo(1 - D + D * p0a, 14);
    // After "b" (never followed by anything): the whole weight goes to the continuation unigram.
    expect(kn.distribution(2, [B])[B]).toBeCloseTo(p0b, 14);
    // Order 1 reads raw unigram counts: a 3, b 1 → total 4, N₁ = 1, N₃₊ = 1.
    expect(kn.distribution(1, [A])[A]).toBeCloseTo((3 - D + 2 * D / BYTE_VOCAB) / 4, 14);
    // A file's bits are the sum over its bytes, the first one read after the file start.
    const expected = -Math.log2(1 - D + D * p0a) - 2 * Math.log2(afterA[A]) - Math.log2(afterA[B]);
    expect(kn.fileBits(bytes('aaab'), [2])[0]).toBeCloseTo(expected, 12);
  });

  it('modified discounts follow Chen & Goodman from the count-of-counts', () => {
    const [d1, d2, d3] = discounts([0, 10, 5, 3, 2], 'modified');
    // Y = 10 / (10 + 2·5) = 0.5
    expect(d1).toBeCloseTo(1 - 2 * 0.5 * 5 / 10, 14);
    expect(d2).toBeCloseTo(2 - 3 * 0.5 * 3 / 5, 14);
    expect(d3).toBeCloseTo(3 - 4 * 0.5 * 2 / 3, 14);
    expect(discounts([0, 10, 5, 3, 2], 'standard')).toEqual([0.5, 0.5, 0.5]);
    expect(discounts([0, 0, 0, 0, 0], 'modified')).toEqual([0.5, 0.5, 0.5]); // too few counts: a fallback, never NaN
  });

  for (const discounting of ['modified', 'standard', 0.75] as const) {
    it(`probabilities sum to one over the 256 bytes for seen, unseen, file-start and empty contexts (${discounting})`, () => {
      const kn = new KneserNey(SMALL, 5, discounting);
      const contexts = [[], [FILE_START], [FILE_START, ...bytes('exp')], [...bytes('retur')], [...bytes('zzzz')],
        [...bytes('q'), ...bytes(' f(')], [...bytes('"ü')], [0, 255, 13], [...bytes('export function')]];
      for (const order of [1, 2, 3, 5]) {
        for (const context of contexts) {
          const p = kn.distribution(order, context);
          expect(Math.abs(total(p) - 1)).toBeLessThan(1e-12);
          expect(Math.min(...p)).toBeGreaterThan(0);
        }
      }
    });
  }

  it('a file’s bits are the sum of −log₂ of the distributions it walks through, at every order at once', () => {
    const kn = new KneserNey(SMALL, 4);
    const file = bytes('export function h() {}\n');
    const bits = kn.fileBits(file, [1, 2, 3, 4]);
    [1, 2, 3, 4].forEach((order, j) => {
      let sum = 0;
      for (let i = 0; i < file.length; i++) sum -= Math.log2(kn.distribution(order, [FILE_START, ...file.subarray(0, i)])[file[i]]);
      expect(bits[j]).toBeCloseTo(sum, 9);
    });
  });

  it('an order gives the same probabilities whatever higher order the counts were taken to', () => {
    const file = bytes('export const y = f(3);\n');
    expect(new KneserNey(SMALL, 7).fileBits(file, [3])[0]).toBeCloseTo(new KneserNey(SMALL, 3).fileBits(file, [3])[0], 12);
  });

  it('predicts better with more context on repetitive text', () => {
    const kn = new KneserNey(SMALL, 6);
    const [one, three, six] = kn.fileBits(bytes('export function f(a) {\n'), [1, 3, 6]);
    expect(three).toBeLessThan(one);
    expect(six).toBeLessThan(three);
  });
});

describe('the add-one unigram', () => {
  it('matches (c + 1) / (N + 256) and sums to one', () => {
    const u = new Unigram([bytes('aab')]);
    expect(u.probabilities[A]).toBeCloseTo(3 / 259, 15);
    expect(u.probabilities[B]).toBeCloseTo(2 / 259, 15);
    expect(u.probabilities[0]).toBeCloseTo(1 / 259, 15);
    expect(Math.abs(total(u.probabilities) - 1)).toBeLessThan(1e-12);
    expect(u.fileBits(bytes('ab'))).toBeCloseTo(-Math.log2(3 / 259) - Math.log2(2 / 259), 12);
  });

  it('sums to one on a realistic corpus too', () => {
    expect(Math.abs(total(new Unigram(SMALL).probabilities) - 1)).toBeLessThan(1e-12);
  });
});
