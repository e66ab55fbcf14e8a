/** The twelve sections of the lecture, in reading order: the table of contents and every heading read this. */
export interface SectionMeta {
  n: number;
  /** Deep-link anchor, stable: other figures and tests link to it. */
  id: string;
  title: string;
  /** A few words for the table of contents. */
  short: string;
}

export const SECTIONS: readonly SectionMeta[] = [
  { n: 1, id: 'the-question', title: 'The question: a curve that keeps rising', short: 'A rising curve' },
  { n: 2, id: 'sir', title: 'The first way: build it from understanding', short: 'SIR, from understanding' },
  { n: 3, id: 'refuse-to-understand', title: 'The second way: refuse to understand', short: 'Refuse to understand' },
  { n: 4, id: 'knobs', title: 'A machine made of knobs', short: 'A machine of knobs' },
  { n: 5, id: 'the-engine', title: 'The engine: gradient descent and backpropagation', short: 'Gradient descent' },
  { n: 6, id: 'the-handoff', title: 'The move: the handoff', short: 'The handoff' },
  { n: 7, id: 'vision', title: 'The move in vision: cats and dogs', short: 'Cats and dogs' },
  { n: 8, id: 'attention', title: 'The move in language: attention', short: 'Attention' },
  { n: 9, id: 'the-pattern', title: 'The pattern: one move everywhere', short: 'One move everywhere' },
  { n: 10, id: 'perceptron', title: 'The road not taken: the perceptron', short: 'The perceptron' },
  { n: 11, id: 'sparse-attention', title: 'The frontier: a trainable indexer', short: 'A trainable indexer' },
  { n: 12, id: 'verdict', title: 'The verdict: does the handoff work?', short: 'The verdict' }
];

export function sectionMeta(n: number): SectionMeta {
  const meta = SECTIONS.find((s) => s.n === n);
  if (!meta) throw new Error(`No section ${n}`);
  return meta;
}
