/**
 * Which heads of the code model match brackets? For every closing bracket in the reading window
 * whose opener is also in it, the model must "know" the bracket is due at the place just before
 * it (that place predicts the closer); a head that helps would look from there back to the opener.
 * This measures, for every layer and head, the mean attention weight from each closer's
 * predicting place to its opener, over one text: figure 12b's attention level names the head with
 * the most, on the reader's own text, instead of the page claiming one in advance.
 *
 * Pairs are matched as a parser would, (), [] and {} nested; a closer without an opener (it was
 * before the window, or the text is not balanced) is left out, and so is an empty pair "()", whose
 * predicting place is the opener itself (looking at the character just before is something every
 * head may do, bracket or not).
 */
import { read, type CodeTransformer } from './code-transformer';
import { readingWindow } from './code-writer';

export interface BracketHead {
  layer: number;
  head: number;
  /** Mean weight, over the pairs, from the place before each closer to its opener (0 … 1). */
  weight: number;
}

export interface BracketReading {
  /** Pairs found in the reading window (not empty ones). */
  pairs: number;
  /** Every head, most bracket-minded first; empty when the window holds no pair. */
  heads: BracketHead[];
  /** The last pair that closes in the window, as [opener, closer] positions in it (for the figure to point at). */
  last: [number, number] | null;
}

const OPENS: Record<number, number> = { 0x29: 0x28, 0x5d: 0x5b, 0x7d: 0x7b }; // ) ] } → ( [ {

/** Matching bracket pairs among the symbols, as [opener, closer] positions, in the order they close. */
export function bracketPairs(symbols: ArrayLike<number>): [number, number][] {
  const pairs: [number, number][] = [];
  const open: number[] = [];
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i];
    if (s === 0x28 || s === 0x5b || s === 0x7b) open.push(i);
    else if (s in OPENS) {
      // A closer of another kind than the innermost opener means the text is not balanced here: start over.
      const o = open.pop();
      if (o === undefined) continue;
      if (symbols[o] !== OPENS[s]) open.length = 0;
      else pairs.push([o, i]);
    }
  }
  return pairs;
}

export function bracketHeads(model: CodeTransformer, text: string): BracketReading {
  const { symbols } = readingWindow(text, model.config.context);
  const pairs = bracketPairs(symbols).filter(([o, c]) => c - 1 > o);
  if (pairs.length === 0) return { pairs: 0, heads: [], last: null };
  const T = symbols.length, H = model.config.heads;
  const layers = read(model, symbols).layers;
  const heads: BracketHead[] = [];
  layers.forEach((trace, layer) => {
    const w = trace.weights.data; // [1, H, T, T]
    for (let head = 0; head < H; head++) {
      let sum = 0;
      for (const [o, c] of pairs) sum += w[head * T * T + (c - 1) * T + o];
      heads.push({ layer, head, weight: sum / pairs.length });
    }
  });
  heads.sort((a, b) => b.weight - a.weight || a.layer - b.layer || a.head - b.head);
  return { pairs: pairs.length, heads, last: pairs[pairs.length - 1] };
}
