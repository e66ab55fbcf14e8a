/**
 * static/models/code-baselines.json, recomputed from node_modules. What is recomputed here: the
 * split sizes, the unigram on validation and held-out, and the n-gram at the recorded order — its
 * counts, discounts, size and held-out bits per character. What is left to
 * scripts/measure-code-baselines.ts (about 30 s of CPU): the n-gram's validation figures, one pass
 * over the validation files at every candidate order; the choice is still checked against them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_ORDERS, NGRAM_SMOOTHING, UNIGRAM_SMOOTHING, VOCABULARY, bitsPerChar, chooseOrder, encodeFiles,
  stringsUpTo, type CodeBaselines
} from '$lib/models/code/code-baselines';
import { KneserNey } from '$lib/models/code/kneser-ney';
import { Unigram } from '$lib/models/code/unigram';
import { readCorpus, splitTexts } from '../../../scripts/code-corpus-source';

const shipped = JSON.parse(readFileSync('static/models/code-baselines.json', 'utf8')) as CodeBaselines;
const { files } = readCorpus();
const train = encodeFiles(splitTexts(files, 'train'));
const validation = encodeFiles(splitTexts(files, 'validation'));
const heldout = encodeFiles(splitTexts(files, 'heldout'));

describe('the shipped code baselines', () => {
  it('describe this corpus and these models', () => {
    expect(shipped.vocabulary).toBe(VOCABULARY);
    expect(shipped.unigramSmoothing).toBe(UNIGRAM_SMOOTHING);
    expect(shipped.ngramSmoothing).toBe(NGRAM_SMOOTHING);
    for (const [split, set] of [['train', train], ['validation', validation], ['heldout', heldout]] as const) {
      expect(shipped.splits[split]).toEqual({
        files: set.length, chars: set.reduce((n, f) => n + f.chars, 0), bytes: set.reduce((n, f) => n + f.bytes.length, 0)
      });
    }
  });

  it('the order was chosen on validation among the candidates, never on held-out', () => {
    expect(Object.keys(shipped.ngramValidationBpc).map(Number)).toEqual([...CANDIDATE_ORDERS]);
    expect(chooseOrder(CANDIDATE_ORDERS, CANDIDATE_ORDERS.map((o) => shipped.ngramValidationBpc[o]))).toBe(shipped.ngramOrder);
  });

  it('the unigram’s figures are recomputed exactly', () => {
    const unigram = new Unigram(train.map((f) => f.bytes));
    expect(bitsPerChar(validation, (b) => unigram.fileBits(b))).toBeCloseTo(shipped.unigramValidationBpc, 10);
    expect(bitsPerChar(heldout, (b) => unigram.fileBits(b))).toBeCloseTo(shipped.unigramBpc, 10);
  });

  it('the n-gram’s figures at the chosen order are recomputed exactly, and beat the unigram by far', () => {
    const order = shipped.ngramOrder;
    const ngram = new KneserNey(train.map((f) => f.bytes), order);
    expect(ngram.rawDiscounts[order]).toEqual(shipped.ngramDiscounts.top);
    for (let m = 1; m < order; m++) expect(ngram.lowDiscounts[m]).toEqual(shipped.ngramDiscounts.lower[m]);
    expect(stringsUpTo(ngram, order)).toBe(shipped.ngramStrings);
    expect(bitsPerChar(heldout, (b) => ngram.fileBits(b, [order])[0])).toBeCloseTo(shipped.ngramBpc, 10);
    expect(shipped.ngramBpc).toBeLessThan(shipped.unigramBpc / 2);
  });
});
