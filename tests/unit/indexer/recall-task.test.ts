import { describe, expect, it } from 'vitest';
import { Rng } from '$lib/engine';
import {
  FIRST_KEY, FIRST_VALUE, PAIRS, QUERIES, isKey, isValue, makeRecallBatch, queryPosition
} from '$lib/models/indexer/recall-task';

describe('associative recall task', () => {
  const data = makeRecallBatch(new Rng(5), 20, 256);

  it('puts the answer at the needed position, right after the queried key', () => {
    for (let b = 0; b < data.batch; b++) {
      for (let q = 0; q < QUERIES; q++) {
        const i = b * QUERIES + q;
        const key = data.tokens[b * data.length + queryPosition(data.length, q)];
        const s = data.needed[i];
        expect(isKey(key)).toBe(true);
        expect(s).toBeLessThan(data.length - QUERIES);
        expect(data.tokens[b * data.length + s - 1]).toBe(key);
        expect(data.tokens[b * data.length + s]).toBe(FIRST_VALUE + data.answers[i]);
      }
    }
  });

  it('hides exactly PAIRS key→value pairs with distinct keys, and asks distinct keys', () => {
    for (let b = 0; b < data.batch; b++) {
      const row = data.tokens.subarray(b * data.length, (b + 1) * data.length);
      const body = Array.from(row.subarray(0, data.length - QUERIES));
      const keys = body.filter(isKey);
      expect(keys.length).toBe(PAIRS);
      expect(new Set(keys).size).toBe(PAIRS);
      expect(body.filter(isValue).length).toBe(PAIRS);
      // Every key in the body is followed by a value.
      body.forEach((t, i) => {
        if (isKey(t)) expect(isValue(body[i + 1])).toBe(true);
      });
      const asked = Array.from(row.subarray(data.length - QUERIES));
      expect(new Set(asked).size).toBe(QUERIES);
      for (const k of asked) expect(keys).toContain(k);
      expect(Math.min(...asked)).toBeGreaterThanOrEqual(FIRST_KEY);
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const again = makeRecallBatch(new Rng(5), 20, 256);
    expect(again.tokens).toEqual(data.tokens);
    expect(makeRecallBatch(new Rng(6), 20, 256).tokens).not.toEqual(data.tokens);
  });

  it('refuses a length too short for the pairs and queries', () => {
    expect(() => makeRecallBatch(new Rng(1), 1, 20)).toThrow(/below/);
  });
});
