import type { GlossaryEntry } from './types';

/** Terms first defined in sections 7–12, each at the `<dfn id>` named here. */
export const GLOSSARY_PART_2: GlossaryEntry[] = [
  { id: 'term-convolutional-network', section: 7, term: 'convolutional network', definition: 'A neural network for pictures that looks through small windows and slides the same weights across every position, so a pattern is found wherever it sits.' },
  { id: 'term-filter', section: 7, term: 'filter', definition: 'A small set of weights, for example 3 by 3 pixels, slid across a whole image to find one pattern.' },
  { id: 'term-feature-map', section: 7, term: 'feature map', definition: 'The grid a filter produces: bright wherever its pattern occurs in the image.' },
  { id: 'term-epoch', section: 7, term: 'epoch', definition: 'One full pass of training through all the training examples.' },
  { id: 'term-seed', section: 7, term: 'seed', definition: 'The starting number of a random-number generator. The same seed gives the same random start; another seed gives another training run.' },
  { id: 'term-saliency', section: 7, term: 'saliency map', definition: 'A picture of how much a small change at each pixel would sway the network’s answer.' },
  { id: 'term-embedding', section: 8, term: 'embedding', definition: 'The list of numbers a language model uses for a word, learned so that words used alike get similar lists.' },
  { id: 'term-dot-product', section: 8, term: 'dot product', definition: 'Multiply two lists of numbers entry by entry and add up the results; large when the lists are alike.' },
  { id: 'term-transformer', section: 8, term: 'transformer', definition: 'The design of today’s language models (2017): layers of attention, with trainable matrices that make a query, a key and a value for every word.' },
  { id: 'term-query', section: 8, term: 'query', definition: 'In attention, the list of numbers saying what a word is looking for.' },
  { id: 'term-key', section: 8, term: 'key', definition: 'In attention, the list of numbers saying what a word offers, the label others find it by.' },
  { id: 'term-value', section: 8, term: 'value', definition: 'In attention, the list of numbers a word hands to whoever attends to it.' },
  { id: 'term-transpose', section: 8, term: 'K⊤ (transpose)', definition: 'The matrix K with its rows turned into columns, so that Q·K⊤ holds the dot product of every query with every key.' },
  { id: 'term-d-k', section: 8, term: 'd_k', definition: 'The length of each key in attention; scores are divided by its square root to keep them moderate.' },
  { id: 'term-softmax', section: 8, term: 'softmax', definition: 'Turns a row of scores into positive weights that add up to one, the largest score getting the largest share.' },
  { id: 'term-language-model', section: 8, term: 'language model', definition: 'A network trained to guess the next word (or character, or piece of a word) of a text from what came before it; it writes by guessing again and again.' },
  { id: 'term-head', section: 8, term: 'head (attention head)', definition: 'One set of the three attention matrices. Large models run many heads side by side in every layer.' },
  { id: 'term-perceptron', section: 10, term: 'perceptron', definition: 'Rosenblatt’s learning machine of 1958: one unit that answers 1 or 0, with a hand-designed rule for changing its weights after each mistake.' },
  { id: 'term-xor', section: 10, term: 'XOR (exclusive or)', definition: 'The answer is 1 when exactly one of two inputs is 1. No single straight line separates its two classes.' },
  { id: 'term-token', section: 11, term: 'token', definition: 'The unit a language model reads: a word or a piece of a word.' },
  { id: 'term-length-l', section: 11, term: 'L (sequence length)', definition: 'The number of tokens in the text a model reads.' },
  { id: 'term-indexer', section: 11, term: 'indexer', definition: 'A small trainable scorer that guesses which earlier tokens will matter, so that full attention runs on only those.' },
  { id: 'term-k', section: 11, term: 'k (tokens kept)', definition: 'How many of the best-scoring earlier tokens the indexer keeps for full attention.' },
  { id: 'term-recall', section: 11, term: 'recall', definition: 'In figure 11, the share of questions whose one needed token is among the tokens kept.' },
  { id: 'term-multiply-add', section: 11, term: 'multiply-add', definition: 'One multiplication followed by one addition: the unit in which the work of attention is counted.' },
  { id: 'term-frozen', section: 11, term: 'frozen', definition: 'Said of a model whose knobs are held fixed while something else learns.' }
];
