/**
 * A generated corpus of Winograd-style sentences (Levesque, Davis & Morgenstern 2012) of the
 * lecture's shape: two nouns, one animate and one a place, then "because it was ‹adjective›". The
 * adjective alone decides which noun "it" means: some fit only living things (tired, scared …),
 * others only places (wide, busy …). The task the tiny transformer is trained on: name that noun.
 *
 * Two word orders, both ten tokens long so "it" always sits at position 7:
 *   animate first   the ‹animal› didn't ‹verb›  the ‹place›  because it was ‹adj›
 *   place first     the ‹place›  didn't ‹verb₂› the ‹animal› because it was ‹adj›
 *
 * Held-out split: a fixed set of noun/adjective pairings (one in four, chosen so every noun and
 * every adjective still appears in training) never occurs together in any training sentence —
 * neither as the referent nor as the other noun. Held-out sentences are exactly those whose
 * referent/adjective pairing is one of them, so the model must generalise to combinations it never
 * saw.
 */
import { Rng } from '$lib/engine';

export const ANIMATE = ['animal', 'dog', 'cat', 'horse', 'child', 'bird', 'fox', 'cow'] as const;
export const PLACES = ['street', 'road', 'river', 'bridge', 'field', 'lake', 'path', 'yard'] as const;
export const ANIMATE_ADJECTIVES = ['tired', 'scared', 'sleepy', 'hungry', 'weak', 'lazy', 'sick', 'nervous'] as const;
export const PLACE_ADJECTIVES = ['wide', 'busy', 'icy', 'flooded', 'steep', 'crowded', 'muddy', 'long'] as const;
/** Verbs for "the ‹animal› didn't ‹verb› the ‹place›". */
export const VERBS_ANIMATE_FIRST = ['cross', 'leave', 'reach', 'enter'] as const;
/** Verbs for "the ‹place› didn't ‹verb› the ‹animal›". */
export const VERBS_PLACE_FIRST = ['suit', 'please', 'welcome'] as const;
const FUNCTION_WORDS = ['the', "didn't", 'because', 'it', 'was'] as const;

/** Every word the model knows, in a fixed order (token id = index). */
export const VOCAB: readonly string[] = [
  ...FUNCTION_WORDS, ...ANIMATE, ...PLACES, ...VERBS_ANIMATE_FIRST, ...VERBS_PLACE_FIRST,
  ...ANIMATE_ADJECTIVES, ...PLACE_ADJECTIVES
];
const TOKEN_ID = new Map(VOCAB.map((w, i) => [w, i]));
/** The answer classes: the sixteen nouns (class = index in this list). */
export const NOUNS: readonly string[] = [...ANIMATE, ...PLACES];

export const SENTENCE_LENGTH = 10;
export const IT_POSITION = 7;
export const ADJECTIVE_POSITION = 9;
/** Positions of the two nouns, in either word order. */
export const NOUN_POSITIONS = [1, 5] as const;

export type Order = 'animate-first' | 'place-first';
export type Animate = (typeof ANIMATE)[number];
export type Place = (typeof PLACES)[number];
export type Verb = (typeof VERBS_ANIMATE_FIRST)[number] | (typeof VERBS_PLACE_FIRST)[number];
export type Adjective = (typeof ANIMATE_ADJECTIVES)[number] | (typeof PLACE_ADJECTIVES)[number];
export interface SentenceSpec {
  animate: Animate;
  place: Place;
  verb: Verb;
  adjective: Adjective;
  order: Order;
}

export interface Sentence extends SentenceSpec {
  words: string[];
  tokens: number[];
  /** Class index (into NOUNS) of the noun "it" refers to. */
  answer: number;
  /** Position in the sentence of that noun (1 or 5). */
  answerPosition: number;
}

export function tokenId(word: string): number {
  const id = TOKEN_ID.get(word);
  if (id === undefined) throw new Error(`unknown word "${word}"`);
  return id;
}

export function isAnimateAdjective(adjective: string): boolean {
  return (ANIMATE_ADJECTIVES as readonly string[]).includes(adjective);
}

export function makeSentence(spec: SentenceSpec): Sentence {
  const { animate, place, verb, adjective, order } = spec;
  const [first, second] = order === 'animate-first' ? [animate, place] : [place, animate];
  const words = ['the', first, "didn't", verb, 'the', second, 'because', 'it', 'was', adjective];
  const referent = isAnimateAdjective(adjective) ? animate : place;
  return {
    ...spec,
    words,
    tokens: words.map(tokenId),
    answer: NOUNS.indexOf(referent),
    answerPosition: referent === first ? NOUN_POSITIONS[0] : NOUN_POSITIONS[1]
  };
}

/** The lecture's two sentences. */
export const LECTURE_TIRED: SentenceSpec = { animate: 'animal', place: 'street', verb: 'cross', adjective: 'tired', order: 'animate-first' };
export const LECTURE_WIDE: SentenceSpec = { ...LECTURE_TIRED, adjective: 'wide' };

/**
 * The held-out pairings: noun i of a group with adjective j of the matching kind when
 * (i + j) mod 4 = 0 (a Latin-square pattern: each noun loses two of its eight adjectives, each
 * adjective two of its eight nouns, so nothing disappears from training altogether). Pairings of a
 * noun with an adjective of the other kind (a dog with "wide") are never the answer and are not held out.
 */
export function isHeldOutPairing(noun: string, adjective: string): boolean {
  const a = ANIMATE.indexOf(noun as never), p = PLACES.indexOf(noun as never);
  const aa = ANIMATE_ADJECTIVES.indexOf(adjective as never), pa = PLACE_ADJECTIVES.indexOf(adjective as never);
  if (a >= 0 && aa >= 0) return (a + aa) % 4 === 0;
  if (p >= 0 && pa >= 0) return (p + pa) % 4 === 0;
  return false;
}

/** Every sentence the grammar allows, split into training and held-out (the lecture's pair aside). */
export function allSentences(): { train: Sentence[]; heldOut: Sentence[] } {
  const train: Sentence[] = [], heldOut: Sentence[] = [];
  const adjectives = [...ANIMATE_ADJECTIVES, ...PLACE_ADJECTIVES];
  for (const order of ['animate-first', 'place-first'] as const) {
    const verbs = order === 'animate-first' ? VERBS_ANIMATE_FIRST : VERBS_PLACE_FIRST;
    for (const animate of ANIMATE) for (const place of PLACES) for (const verb of verbs) for (const adjective of adjectives) {
      const s = makeSentence({ animate, place, verb, adjective, order });
      const referent = NOUNS[s.answer];
      if (isHeldOutPairing(referent, adjective)) heldOut.push(s);
      else if (!isHeldOutPairing(animate, adjective) && !isHeldOutPairing(place, adjective)) train.push(s);
    }
  }
  return { train, heldOut };
}

/** A seeded sample of n sentences from a list (with replacement), as a flat token batch. */
export function sampleBatch(rng: Rng, pool: readonly Sentence[], n: number): { tokens: Int32Array; answers: Int32Array } {
  const tokens = new Int32Array(n * SENTENCE_LENGTH), answers = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    const s = pool[rng.int(pool.length)];
    tokens.set(s.tokens, b * SENTENCE_LENGTH);
    answers[b] = s.answer;
  }
  return { tokens, answers };
}

/** A whole list as one batch, in order. */
export function batchOf(pool: readonly Sentence[]): { tokens: Int32Array; answers: Int32Array } {
  const tokens = new Int32Array(pool.length * SENTENCE_LENGTH), answers = new Int32Array(pool.length);
  pool.forEach((s, b) => { tokens.set(s.tokens, b * SENTENCE_LENGTH); answers[b] = s.answer; });
  return { tokens, answers };
}
