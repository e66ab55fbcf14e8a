/**
 * Figure 12's content: the layers of a coding assistant, outermost first, each pointing back to the
 * live figure where the reader met that layer (figure ids as in LECTURE.md; the Figure frame gives
 * each figure the element id "figure-<id>"), and the lecture's tally of rules written by people
 * against rules handed to gradient descent.
 */
export interface FigureLink {
  /** Figure id, e.g. "8b"; the link goes to #figure-8b. */
  figure: string;
  /** One line: what the reader did there, and how it bears on this layer. */
  reminder: string;
}

export interface StackLayer {
  name: string;
  /** What this layer is made of, in a few words. */
  is: string;
  link: FigureLink;
  /** A second place the layer showed up, when there is one worth going back to. */
  also?: FigureLink;
  /** The level of figure 12b's code model where this layer can be opened on a real model (a fold id there: code-level-…). */
  live: { level: 'loop' | 'model' | 'attention' | 'weights' | 'descent'; text: string };
}

export const STACK: readonly StackLayer[] = [
  {
    name: 'A coding assistant',
    is: 'a language model in a loop that reads files, runs commands and sees what happened',
    live: { level: 'loop', text: 'the loop around the code model below' },
    link: {
      figure: '9',
      reminder: 'One diagram served a curve, a photograph and a sentence; an assistant is that diagram once more, with code going in.'
    }
  },
  {
    name: 'A language model',
    is: 'a tall stack of transformer layers, trained to predict the next token',
    live: { level: 'model', text: 'the code model below, part by part' },
    link: {
      figure: '11',
      reminder: 'In a sequence thousands of tokens long, a small learned indexer chose which earlier tokens to read, and you set how many it kept.'
    }
  },
  {
    name: 'Attention',
    is: 'in every layer, each token weighing every other',
    live: { level: 'attention', text: 'one head of the code model, over your own text' },
    link: {
      figure: '8b',
      reminder: 'You clicked a word to see where it looked, and swapped “tired” for “wide” to send “it” from the animal to the street.'
    }
  },
  {
    name: 'W_Q, W_K, W_V',
    is: 'the matrices that make queries, keys and values',
    live: { level: 'weights', text: 'that head’s three matrices, every number' },
    link: {
      figure: '4a',
      reminder: 'You turned a small network’s knobs by hand; these matrices are knobs of the same kind, billions of them, set by no hand.'
    },
    also: {
      figure: '8b',
      reminder: 'The step-through there showed one head’s query, key and value matrices with their trained numbers.'
    }
  },
  {
    name: 'Gradient descent on a loss',
    is: 'beneath everything: an optimiser turning every knob against the slope',
    live: { level: 'descent', text: 'the code model’s training curve and its score' },
    link: {
      figure: '5d',
      reminder: 'You pressed Play and watched the loss fall as the network’s curve settled onto New York’s daily counts.'
    }
  }
];

export interface TallyEntry {
  figure: string;
  what: string;
}

/** Where, in this lecture, a person wrote the rule, and where the rule was found by descent. */
export const TALLY: { written: readonly TallyEntry[]; handedOff: readonly TallyEntry[] } = {
  written: [
    { figure: '2b', what: 'the SIR equations, every symbol a fact about the disease' },
    { figure: '7a', what: 'cat and dog detectors: readable, and brittle' },
    { figure: '10', what: 'the perceptron’s update, a rule for learning itself' }
  ],
  handedOff: [
    { figure: '5d', what: 'a curve bent onto New York’s counts' },
    { figure: '7b', what: 'a network that tells cats from dogs' },
    { figure: '8b', what: 'attention that found “it → animal”' },
    { figure: '11', what: 'an indexer that learned what to read' }
  ]
};

/** Every figure id the figure links to, in order of appearance (for the page and its tests). */
export function linkedFigures(): string[] {
  const ids = STACK.flatMap((l) => (l.also ? [l.link.figure, l.also.figure] : [l.link.figure]));
  return [...ids, ...TALLY.written.map((t) => t.figure), ...TALLY.handedOff.map((t) => t.figure)];
}
