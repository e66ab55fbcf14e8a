/**
 * Figure 10 in words: the status readout, the screen-reader description and the data table, from
 * one snapshot of the run (run-snapshot.ts).
 */
import { format } from 'd3-format';
import { formatFixed } from '$lib/ui/format';
import type { FigureTable } from '$lib/ui/figure-frame.svelte';
import { predict } from '$lib/models/perceptron/perceptron';
import type { PerceptronVsLogistic } from '$lib/models/perceptron/perceptron-vs-logistic';
import type { RunSnapshot } from '$lib/models/perceptron/run-snapshot';

const formatBound = format(',.1f');

export const percent = (v: number) => (Number.isFinite(v) ? `${formatFixed(v * 100, 0)}%` : '—');

export function statusText(view: RunSnapshot): string {
  switch (view.status) {
    case 'empty':
      return 'no points';
    case 'converged':
      return 'converged';
    case 'cannot-separate':
      return `cannot separate after ${view.epochs} ${view.epochs === 1 ? 'epoch' : 'epochs'}`;
    default:
      return 'still learning';
  }
}

/** Novikoff's bound (R/γ)², or a dash when no line separates the points. */
export const boundText = (view: RunSnapshot) => (view.geometry.separable ? formatBound(view.geometry.bound) : '—');

export function describeRun(view: RunSnapshot, count: number, setName: string): string {
  const g = view.geometry;
  return (
    `${count} points, ${setName} set. The perceptron has seen ${view.seen} examples over ${view.epochs} full passes ` +
    `and made ${view.mistakes} mistakes; status: ${statusText(view)}. ` +
    (g.separable
      ? `A line separates the classes; the best margin is ${formatFixed(g.margin, 4)}, R is ${formatFixed(g.radius, 3)}, so Novikoff's bound allows at most ${boundText(view)} mistakes. `
      : 'No line separates the classes, so no mistake bound applies. ') +
    `Its line classifies ${percent(view.perceptronAccuracy)} of the points correctly. Logistic regression trained by gradient descent on the same examples: ` +
    `log loss ${formatFixed(view.logisticLoss, 3)}, ${percent(view.logisticAccuracy)} correct.`
  );
}

export function tableOf(run: PerceptronVsLogistic): FigureTable {
  return {
    caption: 'The points, and what each learner now answers',
    columns: ['Point', 'x₁', 'x₂', 'Class y', 'Perceptron ŷ', 'Logistic p(class 1)'],
    rows: run.points.map((p, i) => [
      i + 1,
      formatFixed(p.x1, 2),
      formatFixed(p.x2, 2),
      p.label,
      predict(run.perceptron.w, p),
      formatFixed(run.logistic.probability(p.x1, p.x2), 3)
    ])
  };
}
