/** The twelve sections of the lecture, in reading order: the table of contents and every heading read this. */
export interface SectionMeta {
  n: number;
  /** Deep-link anchor, stable: other figures and tests link to it. */
  id: string;
  title: string;
  /** A few words for the table of contents. */
  short: string;
  /**
   * Reading time shown under the heading: the section's main-path words (prose outside folds and
   * figures) at 230 words a minute, rounded up. Typed here, re-counted from the built page by
   * tests/e2e/reading-path.test.ts, which fails (and prints the right values) if any is off.
   */
  minutes: number;
}

export const SECTIONS: readonly SectionMeta[] = [
  { n: 1, id: 'the-question', title: 'The question: a curve that keeps rising', short: 'A rising curve', minutes: 3 },
  { n: 2, id: 'sir', title: 'The first way: build it from understanding', short: 'SIR, from understanding', minutes: 3 },
  { n: 3, id: 'refuse-to-understand', title: 'The second way: refuse to understand', short: 'Refuse to understand', minutes: 2 },
  { n: 4, id: 'knobs', title: 'A machine made of knobs', short: 'A machine of knobs', minutes: 2 },
  { n: 5, id: 'the-engine', title: 'The engine: gradient descent and backpropagation', short: 'Gradient descent', minutes: 4 },
  { n: 6, id: 'the-handoff', title: 'The move: the handoff', short: 'The handoff', minutes: 2 },
  { n: 7, id: 'vision', title: 'The move in vision: cats and dogs', short: 'Cats and dogs', minutes: 3 },
  { n: 8, id: 'attention', title: 'The move in language: attention', short: 'Attention', minutes: 3 },
  { n: 9, id: 'the-pattern', title: 'The pattern: one move everywhere', short: 'One move everywhere', minutes: 1 },
  { n: 10, id: 'perceptron', title: 'The road not taken: the perceptron', short: 'The perceptron', minutes: 3 },
  { n: 11, id: 'sparse-attention', title: 'The frontier: a trainable indexer', short: 'A trainable indexer', minutes: 3 },
  { n: 12, id: 'verdict', title: 'The verdict: does the handoff work?', short: 'The verdict', minutes: 2 }
];

export function sectionMeta(n: number): SectionMeta {
  const meta = SECTIONS.find((s) => s.n === n);
  if (!meta) throw new Error(`No section ${n}`);
  return meta;
}
