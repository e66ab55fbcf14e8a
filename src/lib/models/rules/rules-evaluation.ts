/**
 * Scoring the hand-written rules on a photo set from precomputed measurements (one row of
 * RULES.length detector outputs per photo), so the weights can change without re-measuring.
 */
import { RULES, score, vote } from './cat-dog-rules';
import { CAT, DOG } from '../../data/cats-dogs';

export interface RulesResult {
  /** 1 cat, 0 dog, per photo. */
  predicted: Uint8Array;
  correct: number;
  /** confusion[truth][predicted], classes 0 dog, 1 cat. */
  confusion: [[number, number], [number, number]];
}

/** Each photo's vote per rule, [count × RULES.length]. */
export function votesOf(measurements: Float32Array): Float32Array {
  const votes = new Float32Array(measurements.length);
  for (let i = 0; i < measurements.length; i++) votes[i] = vote(RULES[i % RULES.length], measurements[i]);
  return votes;
}

export function evaluateRules(votes: Float32Array, labels: ArrayLike<number>, weights: readonly number[]): RulesResult {
  const R = RULES.length;
  const predicted = new Uint8Array(labels.length);
  const confusion: [[number, number], [number, number]] = [[0, 0], [0, 0]];
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const cls = score(votes.subarray(i * R, (i + 1) * R), weights) > 0 ? CAT : DOG;
    predicted[i] = cls;
    confusion[labels[i]][cls]++;
    if (cls === labels[i]) correct++;
  }
  return { predicted, correct, confusion };
}
