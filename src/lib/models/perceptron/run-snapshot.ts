/**
 * What figure 10 shows of a PerceptronVsLogistic run at one moment, read out in one plain object:
 * the page derives it once per change of the run and every readout, sentence and plot reads it.
 */
import type { PerceptronVsLogistic } from './perceptron-vs-logistic';

export function snapshotOf(r: PerceptronVsLogistic) {
  const p = r.perceptronScore();
  const l = r.logisticScore();
  return {
    status: r.status,
    seen: r.perceptron.seen,
    epochs: r.perceptron.epochs,
    mistakes: r.perceptron.mistakes,
    cycle: r.perceptron.cycle,
    last: r.perceptron.last,
    lastLogistic: r.lastLogistic,
    perceptronLoss: p.loss,
    perceptronAccuracy: p.accuracy,
    logisticLoss: l.loss,
    logisticAccuracy: l.accuracy,
    geometry: r.geometry
  };
}

export type RunSnapshot = ReturnType<typeof snapshotOf>;
