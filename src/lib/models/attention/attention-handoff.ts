/**
 * One sentence through the handoff, for figure 9's attention panel: what goes in, what comes out
 * (the probability the model gives the right noun), the loss −log p, and what the backward sweep
 * hands back (one slope per knob, and the largest in size).
 */
import { Tape, crossEntropy, softmax } from '$lib/engine';
import { forward, parameters, type TinyTransformer } from './tiny-transformer';
import { NOUNS, type Sentence } from './winograd-corpus';

export interface AttentionHandoff {
  /** The noun the model ranks first. */
  predicted: string;
  /** Probability given to the right noun. */
  probability: number;
  /** −log probability of the right noun. */
  loss: number;
  knobs: number;
  largestSlope: number;
}

export function attentionHandoff(model: TinyTransformer, sentence: Sentence): AttentionHandoff {
  const tape = new Tape();
  const { logits } = forward(tape, model, sentence.tokens);
  const loss = crossEntropy(tape, logits, [sentence.answer]);
  tape.backward(loss);
  const p = softmax(new Tape({ record: false }), logits).data;
  let best = 0;
  for (let c = 1; c < NOUNS.length; c++) if (p[c] > p[best]) best = c;
  let knobs = 0, largestSlope = 0;
  for (const t of parameters(model)) {
    knobs += t.size;
    if (t.grad) for (const g of t.grad) largestSlope = Math.max(largestSlope, Math.abs(g));
  }
  return { predicted: NOUNS[best], probability: p[sentence.answer], loss: loss.item(), knobs, largestSlope };
}
