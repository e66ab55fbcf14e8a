/**
 * Rosenblatt's perceptron (1958) on points of the plane, exactly as section 10 writes it:
 *
 *   x̃ = (x₁, x₂, 1)               the bias is one more weight, on an input that is always 1
 *   ŷ = 1 if w·x̃ > 0, else 0
 *   w ← w + η (y − ŷ) x̃           one example at a time; nothing changes when ŷ = y
 *
 * Labels are 0 and 1. The run starts from w = 0 (the setting of Novikoff's theorem) and visits the
 * points in their stored order, over and over; one pass over all of them is an epoch. It has
 * converged once it has gone a whole pass without a mistake: from then on the weights never change.
 *
 * The same update is stochastic gradient descent, one example at a time, on the "perceptron
 * criterion" ℓ(w) = (ŷ − y)·(w·x̃): zero when the answer is right, and on a mistake the distance by
 * which w·x̃ landed on the wrong side of zero (Duda & Hart, 1973). Its slope is (ŷ − y)·x̃ wherever ŷ
 * does not flip, so w − η·slope is the rule above. `perceptronCriterion` computes it for the readouts.
 */

export type Label = 0 | 1;

export interface LabelledPoint {
  x1: number;
  x2: number;
  label: Label;
}

export type Weights = readonly [number, number, number];

/** The input the perceptron actually sees: the point with a constant 1 appended for the bias. */
export function augmented(p: LabelledPoint): Weights {
  return [p.x1, p.x2, 1];
}

export function activation(w: Weights, p: LabelledPoint): number {
  return w[0] * p.x1 + w[1] * p.x2 + w[2];
}

/** ŷ: 1 when the weighted sum is positive, 0 otherwise (a sum of exactly 0 answers 0). */
export function predict(w: Weights, p: LabelledPoint): Label {
  return activation(w, p) > 0 ? 1 : 0;
}

/** The change the rule makes for one example: η (y − ŷ) x̃ — all zeros when the answer is right. */
export function updateFor(w: Weights, p: LabelledPoint, eta: number): Weights {
  const factor = eta * (p.label - predict(w, p));
  if (factor === 0) return [0, 0, 0];
  return [factor * p.x1, factor * p.x2, factor];
}

/** Mean perceptron criterion over the points: the loss whose gradient step is the perceptron rule. */
export function perceptronCriterion(w: Weights, points: readonly LabelledPoint[]): number {
  if (points.length === 0) return 0;
  let total = 0;
  for (const p of points) total += (predict(w, p) - p.label) * activation(w, p);
  return total / points.length;
}

/** Share of points the weights classify correctly. */
export function accuracyOf(w: Weights, points: readonly LabelledPoint[]): number {
  if (points.length === 0) return NaN;
  let right = 0;
  for (const p of points) if (predict(w, p) === p.label) right++;
  return right / points.length;
}

/** What happened on one example: what the figure highlights and writes out as an equation. */
export interface PerceptronStep {
  /** Index of the example shown. */
  index: number;
  before: Weights;
  after: Weights;
  /** The weighted sum w·x̃ before the update. */
  sum: number;
  predicted: Label;
  mistake: boolean;
  /** η (y − ŷ) x̃. */
  update: Weights;
}

/**
 * A perceptron run over a fixed list of points. Changing the points or η means a new run (the
 * figure makes one): Novikoff's bound speaks about one η from w = 0 on one set of points.
 */
export class PerceptronRun {
  readonly points: readonly LabelledPoint[];
  readonly eta: number;
  w: Weights = [0, 0, 0];
  /** Examples shown so far. */
  seen = 0;
  mistakes = 0;
  /** Mistakes during the pass now under way (or the last one, at a pass boundary). */
  mistakesThisEpoch = 0;
  /** Examples shown since the last mistake. */
  sinceMistake = 0;
  last: PerceptronStep | null = null;
  /**
   * Exact repeat of the weights at the start of an epoch: the run is then periodic and will make
   * the same mistakes forever. Only ever found when the arithmetic is exact (e.g. XOR's corners).
   */
  cycle: { firstEpoch: number; period: number; mistakesPerPeriod: number } | null = null;
  /** Weights at the start of each epoch so far → that epoch and the mistakes made before it. */
  private readonly epochStarts = new Map<string, { epoch: number; mistakes: number }>();

  constructor(points: readonly LabelledPoint[], eta: number) {
    if (!(eta > 0) || !Number.isFinite(eta)) throw new Error(`PerceptronRun: η must be a positive number, got ${eta}`);
    this.points = points;
    this.eta = eta;
    this.epochStarts.set(this.w.join(','), { epoch: 0, mistakes: 0 });
  }

  get epochs(): number {
    return this.points.length === 0 ? 0 : Math.floor(this.seen / this.points.length);
  }

  /** A whole pass over the points without a mistake: the weights will never change again. */
  get converged(): boolean {
    return this.points.length > 0 && this.sinceMistake >= this.points.length;
  }

  /** Index of the example the next step will show. */
  get nextIndex(): number {
    return this.points.length === 0 ? -1 : this.seen % this.points.length;
  }

  /** Shows the perceptron one example and applies the rule. */
  step(): PerceptronStep | null {
    const n = this.points.length;
    if (n === 0) return null;
    const index = this.seen % n;
    const p = this.points[index];
    if (index === 0) this.mistakesThisEpoch = 0;
    const before = this.w;
    const sum = activation(before, p);
    const predicted = predict(before, p);
    const update = updateFor(before, p, this.eta);
    const mistake = predicted !== p.label;
    const after: Weights = mistake ? [before[0] + update[0], before[1] + update[1], before[2] + update[2]] : before;
    this.w = after;
    this.seen++;
    if (mistake) {
      this.mistakes++;
      this.mistakesThisEpoch++;
      this.sinceMistake = 0;
    } else {
      this.sinceMistake++;
    }
    if (this.seen % n === 0 && this.cycle === null) this.noteEpochStart();
    this.last = { index, before, after, sum, predicted, mistake, update };
    return this.last;
  }

  private noteEpochStart(): void {
    const key = this.w.join(',');
    const epoch = this.epochs;
    const earlier = this.epochStarts.get(key);
    if (earlier !== undefined && this.mistakes > earlier.mistakes) {
      this.cycle = { firstEpoch: earlier.epoch, period: epoch - earlier.epoch, mistakesPerPeriod: this.mistakes - earlier.mistakes };
    } else if (this.epochStarts.size < 5000) {
      this.epochStarts.set(key, { epoch, mistakes: this.mistakes });
    }
  }
}
