/**
 * The handoff's version of the perceptron: logistic regression on the same points, the same
 * augmented inputs x̃ = (x₁, x₂, 1) and the same order, trained by stochastic gradient descent with
 * the project's engine. Nobody writes its update: the engine differentiates the loss.
 *
 *   p = σ(w·x̃) = 1 / (1 + e^(−w·x̃))              the model's probability of class 1
 *   ℓ = −y log p − (1 − y) log(1 − p)           log loss (binary cross-entropy), per example
 *   w ← w − η ∂ℓ/∂w                             one example at a time
 *
 * Worked out by hand, ∂ℓ/∂w = (p − y)·x̃, so the step is w ← w + η (y − p) x̃: the perceptron's rule
 * with the hard 0/1 answer ŷ replaced by the soft probability p (Cox, 1958, for the model). The unit
 * tests check the engine's gradient against that formula; the code below never uses it.
 */
import { Tape, SGD, bceWithLogits, linear, param, zeros, type Tensor } from '$lib/engine';
import type { LabelledPoint, Weights } from './perceptron';

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export interface LogisticFit {
  /** Mean log loss over the points (NaN for no points). */
  loss: number;
  /** Share of points with p > ½ on the right side. */
  accuracy: number;
}

export class LogisticSgd {
  /** Weights as a column [w₁, w₂, w₀]ᵀ, so that x̃ (a row) · w is the weighted sum. */
  readonly w: Tensor = param(zeros([3, 1]), 'w');
  private readonly tape = new Tape({ reuseBuffers: true });
  private readonly x = zeros([1, 3]);
  private readonly y = zeros([1, 1]);
  private readonly optimiser: SGD;

  constructor(eta: number) {
    if (!(eta > 0) || !Number.isFinite(eta)) throw new Error(`LogisticSgd: η must be a positive number, got ${eta}`);
    this.optimiser = new SGD([this.w], { lr: eta });
  }

  get weights(): Weights {
    const d = this.w.data;
    return [d[0], d[1], d[2]];
  }

  /** The probability of class 1 the model gives a point of the plane. */
  probability(x1: number, x2: number): number {
    const d = this.w.data;
    return sigmoid(d[0] * x1 + d[1] * x2 + d[2]);
  }

  /** One gradient step on one example; returns that example's loss before the step and the gradient. */
  step(p: LabelledPoint): { loss: number; gradient: Weights } {
    this.tape.reset();
    this.x.data[0] = p.x1;
    this.x.data[1] = p.x2;
    this.x.data[2] = 1;
    this.y.data[0] = p.label;
    const loss = bceWithLogits(this.tape, linear(this.tape, this.x, this.w, null), this.y);
    this.tape.backward(loss);
    const g = this.w.grad!;
    const gradient: Weights = [g[0], g[1], g[2]];
    this.optimiser.step();
    return { loss: loss.item(), gradient };
  }

  /** Loss and accuracy on all the points, computed by the engine without recording a graph. */
  evaluate(points: readonly LabelledPoint[]): LogisticFit {
    const n = points.length;
    if (n === 0) return { loss: NaN, accuracy: NaN };
    const tape = new Tape({ record: false });
    const X = zeros([n, 3]);
    const Y = zeros([n, 1]);
    points.forEach((p, i) => {
      X.data.set([p.x1, p.x2, 1], 3 * i);
      Y.data[i] = p.label;
    });
    const logits = linear(tape, X, this.w, null);
    const loss = bceWithLogits(tape, logits, Y).item();
    let right = 0;
    for (let i = 0; i < n; i++) if ((logits.data[i] > 0 ? 1 : 0) === points[i].label) right++;
    return { loss, accuracy: right / n };
  }
}
