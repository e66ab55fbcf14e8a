import { describe, expect, it } from 'vitest';
import {
  ANIMATE, ANIMATE_ADJECTIVES, IT_POSITION, LECTURE_TIRED, LECTURE_WIDE, NOUNS, PLACES, PLACE_ADJECTIVES, VOCAB,
  allSentences, isHeldOutPairing, makeSentence
} from '$lib/models/attention/winograd-corpus';

const { train, heldOut } = allSentences();
const pairKey = (noun: string, adjective: string) => `${noun}|${adjective}`;

describe('Winograd corpus', () => {
  it('never shows a held-out noun/adjective pairing in any training sentence', () => {
    // Collect, from the words themselves, every noun/adjective pair that co-occurs in training.
    const seen = new Set<string>();
    for (const s of train) for (const w of s.words) if (NOUNS.includes(w)) seen.add(pairKey(w, s.words[9]));
    expect(heldOut.length).toBeGreaterThan(0);
    for (const s of heldOut) expect(seen.has(pairKey(NOUNS[s.answer], s.adjective))).toBe(false);
  });

  it('still trains on every noun and every adjective', () => {
    const words = new Set(train.flatMap((s) => s.words));
    for (const w of VOCAB) expect(words.has(w), w).toBe(true);
  });

  it('labels each sentence with the noun its adjective fits, at the position it stands', () => {
    for (const s of [...train, ...heldOut]) {
      const referent = NOUNS[s.answer];
      expect(s.words[s.answerPosition]).toBe(referent);
      expect(s.words[IT_POSITION]).toBe('it');
      const animate = (ANIMATE as readonly string[]).includes(referent);
      expect(animate).toBe((ANIMATE_ADJECTIVES as readonly string[]).includes(s.adjective));
      expect(!animate).toBe((PLACE_ADJECTIVES as readonly string[]).includes(s.adjective));
      expect(s.tokens.map((t) => VOCAB[t])).toEqual(s.words);
    }
  });

  it('holds out a quarter of the matching pairings, a Latin square', () => {
    let held = 0;
    for (const n of ANIMATE) for (const a of ANIMATE_ADJECTIVES) if (isHeldOutPairing(n, a)) held++;
    for (const n of PLACES) for (const a of PLACE_ADJECTIVES) if (isHeldOutPairing(n, a)) held++;
    expect(held).toBe(32);
    // sentences: 8·8·(4+3) verb/order choices × 16 adjectives, each held-out or training exactly once
    expect(train.length + heldOut.length).toBe(8 * 8 * 7 * 16);
    expect(heldOut.length).toBe(8 * 8 * 7 * 16 / 4);
  });

  it("builds the lecture's pair of sentences", () => {
    expect(makeSentence(LECTURE_TIRED).words.join(' ')).toBe("the animal didn't cross the street because it was tired");
    expect(NOUNS[makeSentence(LECTURE_TIRED).answer]).toBe('animal');
    expect(NOUNS[makeSentence(LECTURE_WIDE).answer]).toBe('street');
  });
});
