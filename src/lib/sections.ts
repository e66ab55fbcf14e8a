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
  /**
   * In a 75-minute class: 'core' sections are taught with their figures on the projector,
   * 'optional' ones are set as reading (CLASS_PLAN below).
   */
  plan: 'core' | 'optional';
  /** Minutes to teach the section in class, figures shown live; a teacher's estimate, not a measurement. */
  classMinutes: number;
}

export const SECTIONS: readonly SectionMeta[] = [
  { n: 1, id: 'the-question', title: 'The question: a curve that keeps rising', short: 'A rising curve', minutes: 3, plan: 'core', classMinutes: 5 },
  { n: 2, id: 'sir', title: 'The first way: build it from understanding', short: 'SIR, from understanding', minutes: 3, plan: 'core', classMinutes: 10 },
  { n: 3, id: 'refuse-to-understand', title: 'The second way: refuse to understand', short: 'Refuse to understand', minutes: 2, plan: 'core', classMinutes: 6 },
  { n: 4, id: 'knobs', title: 'A machine made of knobs', short: 'A machine of knobs', minutes: 3, plan: 'core', classMinutes: 6 },
  { n: 5, id: 'the-engine', title: 'The engine: gradient descent and backpropagation', short: 'Gradient descent', minutes: 4, plan: 'core', classMinutes: 14 },
  { n: 6, id: 'the-handoff', title: 'The move: the handoff', short: 'The handoff', minutes: 2, plan: 'core', classMinutes: 5 },
  { n: 7, id: 'vision', title: 'The move in vision: cats and dogs', short: 'Cats and dogs', minutes: 3, plan: 'core', classMinutes: 9 },
  { n: 8, id: 'attention', title: 'The move in language: attention', short: 'Attention', minutes: 3, plan: 'core', classMinutes: 9 },
  { n: 9, id: 'the-pattern', title: 'The pattern: one move everywhere', short: 'One move everywhere', minutes: 1, plan: 'core', classMinutes: 3 },
  { n: 10, id: 'perceptron', title: 'The road not taken: the perceptron', short: 'The perceptron', minutes: 3, plan: 'optional', classMinutes: 8 },
  { n: 11, id: 'sparse-attention', title: 'The frontier: a trainable indexer', short: 'A trainable indexer', minutes: 3, plan: 'optional', classMinutes: 8 },
  { n: 12, id: 'verdict', title: 'The verdict: does the handoff work?', short: 'The verdict', minutes: 3, plan: 'core', classMinutes: 8 }
];

/** The class the plan is for, in minutes: the core sections' classMinutes must fit in it. */
export const CLASS_LENGTH = 75;

const taught = SECTIONS.filter((s) => s.plan === 'core');

/** The 75-minute class: the core sections in lecture order, the optional ones set as reading. */
export const CLASS_PLAN = {
  taught,
  reading: SECTIONS.filter((s) => s.plan === 'optional'),
  minutes: taught.reduce((sum, s) => sum + s.classMinutes, 0)
};

export function sectionMeta(n: number): SectionMeta {
  const meta = SECTIONS.find((s) => s.n === n);
  if (!meta) throw new Error(`No section ${n}`);
  return meta;
}
