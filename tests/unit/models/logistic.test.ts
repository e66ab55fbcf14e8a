import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogisticSgd, sigmoid } from '$lib/models/perceptron/logistic';
import { PerceptronVsLogistic } from '$lib/models/perceptron/perceptron-vs-logistic';
import { presetPoints, xorPoints } from '$lib/models/perceptron/point-sets';
import type { Label, LabelledPoint } from '$lib/models/perceptron/perceptron';
import { centralDifference } from '../support/finite-differences';

/** Log loss of one example in float64, written out independently of the engine. */
function logLoss(w: number[], p: LabelledPoint): number {
  const z = w[0] * p.x1 + w[1] * p.x2 + w[2];
  return p.label === 1 ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

const weight = fc.double({ min: -4, max: 4, noNaN: true });
const coord = fc.double({ min: -1.5, max: 2, noNaN: true });

describe('logistic regression on the engine', () => {
  it("takes the engine's gradient, which equals (σ(w·x̃) − y)·x̃ and finite differences of the loss (property)", () => {
    fc.assert(
      fc.property(fc.tuple(weight, weight, weight), coord, coord, fc.constantFrom<Label>(0, 1), (w, x1, x2, label) => {
        const model = new LogisticSgd(0.5);
        model.w.data.set(w);
        const wf = Array.from(model.w.data); // the float32 weights the engine really uses
        const p = { x1, x2, label };
        const { loss, gradient } = model.step(p);
        const err = sigmoid(wf[0] * x1 + wf[1] * x2 + wf[2]) - label;
        const x = [x1, x2, 1];
        for (let i = 0; i < 3; i++) {
          expect(gradient[i]).toBeCloseTo(err * x[i], 5);
          const nudged = wf.slice();
          expect(gradient[i]).toBeCloseTo(centralDifference(() => logLoss(nudged, p), nudged, i, 1e-6), 4);
        }
        expect(loss).toBeCloseTo(logLoss(wf, p), 5);
      }),
      { numRuns: 80 }
    );
  });

  it('moves the weights by −η times that gradient', () => {
    const model = new LogisticSgd(0.3);
    model.w.data.set([0.5, -1, 0.25]);
    const p: LabelledPoint = { x1: 0.8, x2: 0.4, label: 1 };
    // z = 0.4 − 0.4 + 0.25 = 0.25; σ(z) − 1 = −0.43782…; step = −0.3·(σ − 1)·x̃.
    const err = sigmoid(0.25) - 1;
    model.step(p);
    const want = [0.5 - 0.3 * err * 0.8, -1 - 0.3 * err * 0.4, 0.25 - 0.3 * err];
    model.weights.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });

  it('scores all the points like a direct float64 loop', () => {
    const pts = presetPoints('thin', 2);
    const model = new LogisticSgd(0.5);
    for (let k = 0; k < 100; k++) model.step(pts[k % pts.length]);
    const w = Array.from(model.w.data);
    const loss = pts.reduce((s, p) => s + logLoss(w, p), 0) / pts.length;
    const right = pts.filter((p) => (w[0] * p.x1 + w[1] * p.x2 + w[2] > 0 ? 1 : 0) === p.label).length;
    const fit = model.evaluate(pts);
    expect(fit.loss).toBeCloseTo(loss, 5);
    expect(fit.accuracy).toBe(right / pts.length);
  });

  it('separates the wide preset and drives its loss down', () => {
    const pts = presetPoints('wide', 1);
    const model = new LogisticSgd(1);
    const start = model.evaluate(pts).loss;
    expect(start).toBeCloseTo(Math.LN2, 6); // w = 0 answers ½ everywhere
    for (let k = 0; k < 200 * pts.length; k++) model.step(pts[k % pts.length]);
    const fit = model.evaluate(pts);
    expect(fit.accuracy).toBe(1);
    expect(fit.loss).toBeLessThan(0.05);
  });

  it('on XOR settles into a loop around w = 0 that shrinks with η, its loss tending to ln 2', () => {
    const spread: number[] = [];
    for (const eta of [1, 0.1, 0.01]) {
      const model = new LogisticSgd(eta);
      const pts = xorPoints();
      for (let k = 0; k < 4 * 3000; k++) model.step(pts[k % 4]);
      let worst = 0;
      for (let k = 0; k < 4; k++) {
        model.step(pts[k]);
        worst = Math.max(worst, Math.abs(model.evaluate(pts).loss - Math.LN2));
      }
      spread.push(worst);
    }
    expect(spread[1]).toBeLessThan(spread[0]);
    expect(spread[2]).toBeLessThan(spread[1]);
    expect(spread[2]).toBeLessThan(1e-3);
  });

  it('refuses a step size that is not a positive number', () => {
    expect(() => new LogisticSgd(-1)).toThrow();
    expect(() => new LogisticSgd(Infinity)).toThrow();
  });
});

describe('the two learners side by side', () => {
  it('shows both the same examples and reports the status the figure prints', () => {
    const xor = new PerceptronVsLogistic(xorPoints(), 1);
    expect(xor.status).toBe('learning');
    for (let k = 0; k < 3; k++) xor.step();
    expect(xor.status).toBe('learning'); // not yet a whole pass
    xor.step();
    expect(xor.status).toBe('cannot-separate');
    expect(xor.lastLogistic?.index).toBe(3);

    const wide = new PerceptronVsLogistic(presetPoints('wide', 1), 1);
    for (let k = 0; k < 1000 && wide.status !== 'converged'; k++) wide.step();
    expect(wide.status).toBe('converged');
    expect(wide.perceptron.mistakes).toBeLessThanOrEqual(wide.geometry.bound);
    expect(new PerceptronVsLogistic([], 1).status).toBe('empty');
    expect(new PerceptronVsLogistic([], 1).step()).toBeNull();
  });

  it('keeps its own copy of the points and a bounded, ordered history', () => {
    const pts = presetPoints('thin', 1);
    const run = new PerceptronVsLogistic(pts, 1);
    pts[0].x1 = 99;
    expect(run.points[0].x1).not.toBe(99);
    for (let k = 0; k < 10_000; k++) run.step();
    expect(run.history.length).toBeLessThanOrEqual(2000);
    for (let i = 1; i < run.history.length; i++) expect(run.history[i].seen).toBeGreaterThan(run.history[i - 1].seen);
    const lastPoint = run.history[run.history.length - 1];
    expect(lastPoint.perceptronError).toBeGreaterThanOrEqual(0);
    expect(lastPoint.logisticError).toBeLessThanOrEqual(1);
  });
});
