/**
 * How a reader's guess compares with the true answer, in one plain sentence (issue 18). Pure: the
 * prediction component, its summary and the tests all score through these functions, and the true
 * answers they are given come from the page's own model code at the moment of reveal.
 */

export interface ChoiceOption {
  value: string;
  /** What the reader reads beside the radio button, and what the score sentence quotes. */
  label: string;
}

/** What a drawing moment shows before the reveal: the series up to a day, and room for the rest. */
export interface DrawSeries {
  /** The values the reader sees, day 0 up to the last shown day (null: no value that day). */
  known: readonly (number | null)[];
  /** Days in the whole series; the reader draws days known.length … days − 1. */
  days: number;
  /** Top of the value axis. */
  top: number;
  /** A day's date, for the axis and the keyboard sliders ("5 Apr"). */
  label: (day: number) => string;
}

/**
 * One question of a prediction: pick one of a few options, set a number on a slider, or draw how a
 * series goes on (the guess is then one value per hidden day, null where nothing was drawn).
 */
export type PredictPart =
  | { kind: 'choice'; name: string; options: readonly ChoiceOption[] }
  | { kind: 'number'; name: string; min: number; max: number; step: number; start: number; unit: string; digits: number }
  | { kind: 'draw'; name: string; unit: string; load: () => Promise<DrawSeries> };

export type Guess = string | number | readonly (number | null)[];

export interface Score {
  /** The one sentence the reader sees after committing. */
  sentence: string;
  /** Every choice right (a number part counts as right within `near` of the truth). */
  right: boolean;
  /** For number parts: the largest distance from the truth, in the part's units. */
  off?: number;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const count = (n: number) => WORDS[n] ?? String(n);

function labelOf(part: Extract<PredictPart, { kind: 'choice' }>, value: Guess): string {
  return part.options.find((o) => o.value === value)?.label ?? String(value);
}

/** A number as the part shows it: fixed digits, a typographic minus, then the unit ("57.3%"). */
export function formatGuess(part: Extract<PredictPart, { kind: 'number' }>, value: number): string {
  const text = value.toFixed(part.digits).replace('-', '−');
  return part.unit === '%' ? `${text}%` : part.unit ? `${text} ${part.unit}` : text;
}

/** "points" for a percentage, the unit itself otherwise. */
function unitsOff(part: Extract<PredictPart, { kind: 'number' }>, off: number): string {
  const size = off.toFixed(part.digits);
  if (part.unit === '%') return `${size} ${Number(size) === 1 ? 'point' : 'points'}`;
  return part.unit ? `${size} ${part.unit}` : size;
}

/**
 * Scores guesses against the truth, part by part. A number within `near` (in its units) counts
 * as right. Throws if the lists do not line up, since a silent mismatch would score nonsense.
 */
export function scorePrediction(parts: readonly PredictPart[], guesses: readonly Guess[], truth: readonly Guess[], near = 5): Score {
  if (guesses.length !== parts.length || truth.length !== parts.length) throw new Error('scorePrediction: one guess and one truth per part');
  if (parts.length === 1 && parts[0].kind === 'number') {
    const part = parts[0];
    // Scored on the numbers as shown, so the sentence never contradicts its own figures.
    const shown = (v: number) => Number(v.toFixed(part.digits));
    const g = shown(Number(guesses[0])), t = shown(Number(truth[0]));
    const off = Math.abs(g - t);
    const sentence =
      g === t
        ? `You guessed ${formatGuess(part, g)}, and it is ${formatGuess(part, t)}: spot on.`
        : `You guessed ${formatGuess(part, g)}; it is ${formatGuess(part, t)}, so you were ${unitsOff(part, off)} ${g > t ? 'too high' : 'too low'}.`;
    return { sentence, right: off <= near, off };
  }
  if (parts.length === 1 && parts[0].kind === 'draw') {
    const drawn = guesses[0] as readonly (number | null)[], actual = truth[0] as readonly (number | null)[];
    const off = meanAbsoluteOff(drawn, actual);
    const days = drawn.filter((v, i) => Number.isFinite(v) && Number.isFinite(actual[i])).length;
    if (!Number.isFinite(off)) return { sentence: 'You drew no day that can be compared.', right: false };
    const typical = meanAbsoluteOff(actual.map(() => 0), actual);
    return {
      sentence: `Your line was on average ${Math.round(off).toLocaleString('en-US')} ${parts[0].unit} off, over the ${days} ${days === 1 ? 'day' : 'days'} you drew.`,
      // Within a quarter of the typical value counts as a good guess.
      right: off <= 0.25 * typical,
      off
    };
  }
  if (parts.some((p) => p.kind !== 'choice')) throw new Error('scorePrediction: a number or drawn part must stand alone');
  const choices = parts as Extract<PredictPart, { kind: 'choice' }>[];
  const wrong = choices.filter((_, i) => guesses[i] !== truth[i]);
  if (choices.length === 1) {
    const said = labelOf(choices[0], guesses[0]);
    return wrong.length === 0
      ? { sentence: `You said “${said}”, and that is right.`, right: true }
      : { sentence: `You said “${said}”, but the answer is “${labelOf(choices[0], truth[0])}”.`, right: false };
  }
  if (wrong.length === 0) return { sentence: `All ${count(choices.length)} of your answers are right.`, right: true };
  const fixes = choices
    .map((p, i) => (guesses[i] === truth[i] ? '' : `${p.name}: “${labelOf(p, truth[i])}”, not “${labelOf(p, guesses[i])}”`))
    .filter(Boolean);
  const rightCount = choices.length - wrong.length;
  const head = rightCount === 0 ? `None of your ${count(choices.length)} answers is right` : `${count(rightCount)[0].toUpperCase()}${count(rightCount).slice(1)} of your ${count(choices.length)} answers ${rightCount === 1 ? 'is' : 'are'} right`;
  return { sentence: `${head}; ${fixes.join('; ')}.`, right: false };
}

/**
 * Mean absolute difference between a drawn line and the true values, over the days both cover
 * (null or NaN marks a day without a value). NaN if they share no day.
 */
export function meanAbsoluteOff(drawn: readonly (number | null)[], actual: readonly (number | null)[]): number {
  let sum = 0, n = 0;
  for (let i = 0; i < Math.min(drawn.length, actual.length); i++) {
    const d = drawn[i], a = actual[i];
    if (d === null || a === null || !Number.isFinite(d) || !Number.isFinite(a)) continue;
    sum += Math.abs(d - a);
    n++;
  }
  return n === 0 ? NaN : sum / n;
}
