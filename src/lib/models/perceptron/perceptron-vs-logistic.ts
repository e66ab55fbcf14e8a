/**
 * Figure 10's experiment: one stream of examples shown to two learners at once. The perceptron
 * applies the rule a person wrote; logistic regression takes a gradient step the engine computed.
 * Both start from zero weights with the same η, see the points in the same order, and are scored on
 * all the points after every example.
 */
import { LogisticSgd } from './logistic';
import { maxMargin, type MaxMargin } from './max-margin';
import { PerceptronRun, accuracyOf, perceptronCriterion, type LabelledPoint, type PerceptronStep, type Weights } from './perceptron';

export type RunStatus = 'empty' | 'learning' | 'converged' | 'cannot-separate';

export interface HistoryPoint {
  /** Examples shown so far. */
  seen: number;
  perceptronLoss: number;
  logisticLoss: number;
  /** Share of the points each learner puts on the wrong side. */
  perceptronError: number;
  logisticError: number;
}

/** Keep at most this many history points; older ones are thinned to every other one. */
const HISTORY_CAP = 2000;

export interface LogisticStep {
  index: number;
  /** The example's log loss before the step. */
  loss: number;
  /** ∂ℓ/∂w as the engine computed it. */
  gradient: Weights;
  after: Weights;
}

export class PerceptronVsLogistic {
  readonly points: readonly LabelledPoint[];
  readonly eta: number;
  readonly perceptron: PerceptronRun;
  readonly logistic: LogisticSgd;
  /** γ, R and the bound for these points (computed once: the points of a run do not change). */
  readonly geometry: MaxMargin;
  readonly history: HistoryPoint[] = [];
  lastLogistic: LogisticStep | null = null;
  private stride = 1;

  constructor(points: readonly LabelledPoint[], eta: number) {
    this.points = points.map((p) => ({ ...p }));
    this.eta = eta;
    this.perceptron = new PerceptronRun(this.points, eta);
    this.logistic = new LogisticSgd(eta);
    this.geometry = maxMargin(this.points);
    this.record();
  }

  get status(): RunStatus {
    if (this.points.length === 0) return 'empty';
    if (this.perceptron.converged) return 'converged';
    if (!this.geometry.separable && this.perceptron.epochs >= 1) return 'cannot-separate';
    return 'learning';
  }

  /** Shows both learners the next example. */
  step(): PerceptronStep | null {
    const shown = this.perceptron.step();
    if (shown === null) return null;
    const p = this.points[shown.index];
    const { loss, gradient } = this.logistic.step(p);
    this.lastLogistic = { index: shown.index, loss, gradient, after: this.logistic.weights };
    if (this.perceptron.seen % this.stride === 0) this.record();
    return shown;
  }

  perceptronScore(): { loss: number; accuracy: number } {
    return { loss: perceptronCriterion(this.perceptron.w, this.points), accuracy: accuracyOf(this.perceptron.w, this.points) };
  }

  logisticScore(): { loss: number; accuracy: number } {
    return this.logistic.evaluate(this.points);
  }

  private record(): void {
    const p = this.perceptronScore(),
      l = this.logisticScore();
    this.history.push({
      seen: this.perceptron.seen,
      perceptronLoss: p.loss,
      logisticLoss: l.loss,
      perceptronError: 1 - p.accuracy,
      logisticError: 1 - l.accuracy
    });
    if (this.history.length > HISTORY_CAP) {
      // Keep every other point and record half as often from now on.
      let k = 0;
      for (let i = 0; i < this.history.length; i += 2) this.history[k++] = this.history[i];
      this.history.length = k;
      this.stride *= 2;
    }
  }
}
