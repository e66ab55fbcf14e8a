import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tape, mul, param, scalar, sum, tensor } from '$lib/engine';
import {
  PerceptronRun,
  accuracyOf,
  perceptronCriterion,
  predict,
  updateFor,
  type Label,
  type LabelledPoint,
  type Weights
} from '$lib/models/perceptron/perceptron';
import { maxMargin, radiusOf } from '$lib/models/perceptron/max-margin';
import { presetPoints, xorPoints } from '$lib/models/perceptron/point-sets';

/** Runs until a whole pass without a mistake, or until `maxEpochs` passes. */
function runToEnd(points: LabelledPoint[], eta: number, maxEpochs: number) {
  const run = new PerceptronRun(points, eta);
  while (!run.converged && run.epochs < maxEpochs) run.step();
  return run;
}

describe('the perceptron rule, by hand', () => {
  it('answers 1 only for a positive weighted sum', () => {
    expect(predict([0, 0, 0], { x1: 3, x2: -2, label: 1 })).toBe(0);
    expect(predict([1, 0, -1], { x1: 1, x2: 5, label: 0 })).toBe(0); // sum exactly 0
    expect(predict([1, 0, -1], { x1: 1.5, x2: 5, label: 0 })).toBe(1);
  });

  it('makes the updates worked out on paper, w ← w + η(y − ŷ)x̃', () => {
    const pts: LabelledPoint[] = [
      { x1: 0.5, x2: -1, label: 1 },
      { x1: 2, x2: 1, label: 0 },
      { x1: -1, x2: -1, label: 1 }
    ];
    const run = new PerceptronRun(pts, 0.5);
    // w = 0: the sum is 0, so ŷ = 0 ≠ 1. Update 0.5·(1 − 0)·(0.5, −1, 1) = (0.25, −0.5, 0.5).
    let s = run.step()!;
    expect(s).toMatchObject({ index: 0, sum: 0, predicted: 0, mistake: true });
    expect(s.update).toEqual([0.25, -0.5, 0.5]);
    expect(run.w).toEqual([0.25, -0.5, 0.5]);
    // Sum 0.25·2 − 0.5·1 + 0.5 = 0.5 > 0, so ŷ = 1 ≠ 0. Update 0.5·(0 − 1)·(2, 1, 1) = (−1, −0.5, −0.5).
    s = run.step()!;
    expect(s).toMatchObject({ index: 1, sum: 0.5, predicted: 1, mistake: true });
    expect(run.w).toEqual([-0.75, -1, 0]);
    // Sum 0.75 + 1 + 0 = 1.75 > 0, ŷ = 1 = y: no change.
    s = run.step()!;
    expect(s).toMatchObject({ index: 2, sum: 1.75, predicted: 1, mistake: false });
    expect(s.update).toEqual([0, 0, 0]);
    expect(run.w).toEqual([-0.75, -1, 0]);
    expect(run.mistakes).toBe(2);
    expect(run.epochs).toBe(1);
    expect(run.converged).toBe(false); // only one example since the last mistake
  });

  it('is one step of gradient descent on the perceptron criterion, differentiated by the engine', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.constantFrom<Label>(0, 1),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (wArr, x1, x2, label, eta) => {
          const w = wArr as unknown as Weights;
          const p = { x1, x2, label };
          const yHat = predict(w, p);
          // ℓ(w) = (ŷ − y)·(x̃·w), with ŷ held fixed (it is constant wherever it does not flip).
          const tape = new Tape();
          const wt = param(Float32Array.from(w), [3]);
          const loss = mul(tape, sum(tape, mul(tape, wt, tensor([x1, x2, 1]))), scalar(yHat - label));
          tape.backward(loss);
          const sgd = w.map((v, i) => v - eta * wt.grad![i]);
          const rule = updateFor(w, p, eta).map((u, i) => w[i] + u);
          for (let i = 0; i < 3; i++) expect(rule[i]).toBeCloseTo(sgd[i], 4);
        }
      ),
      { numRuns: 60 }
    );
  });

  it('scores the criterion as the total wrong-side distance, and 0 once every answer is right', () => {
    const pts: LabelledPoint[] = [
      { x1: 1, x2: 0, label: 1 },
      { x1: -1, x2: 0, label: 0 }
    ];
    expect(perceptronCriterion([1, 0, 0], pts)).toBe(0);
    expect(accuracyOf([1, 0, 0], pts)).toBe(1);
    // w = (−1, 0, 0): point 1 has sum −1 (ŷ 0, y 1) → 1; point 2 has sum 1 (ŷ 1, y 0) → 1. Mean 1.
    expect(perceptronCriterion([-1, 0, 0], pts)).toBe(1);
    expect(accuracyOf([-1, 0, 0], pts)).toBe(0);
  });

  it('refuses a step size that is not a positive number', () => {
    expect(() => new PerceptronRun(xorPoints(), 0)).toThrow();
    expect(() => new PerceptronRun(xorPoints(), NaN)).toThrow();
  });
});

describe("Novikoff's theorem, checked", () => {
  it('converges on every seeded preset with no more mistakes than (R/γ)²', () => {
    for (const id of ['wide', 'thin'] as const) {
      for (let seed = 1; seed <= 8; seed++) {
        const pts = presetPoints(id, seed);
        const g = maxMargin(pts);
        expect(g.separable).toBe(true);
        const run = runToEnd(pts, 1, 10_000);
        expect(run.converged, `${id} seed ${seed}`).toBe(true);
        expect(run.mistakes).toBeLessThanOrEqual(g.bound);
        expect(accuracyOf(run.w, pts)).toBe(1);
      }
    }
  });

  it('converges on random separable sets, within the bound of the line that generated them (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -0.8, max: 0.8, noNaN: true }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: -1, max: 2, noNaN: true })), {
          minLength: 2,
          maxLength: 40
        }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (angle, offset, gap, raw, eta) => {
          // The generating line: n·x = c with n a unit normal in the plane.
          const n = [Math.cos(angle), Math.sin(angle)];
          const c = 0.5 * (n[0] + n[1]) + offset;
          const pts: LabelledPoint[] = [];
          for (const [x1, x2] of raw) {
            const d = n[0] * x1 + n[1] * x2 - c;
            if (Math.abs(d) >= gap) pts.push({ x1, x2, label: d > 0 ? 1 : 0 });
          }
          if (pts.length === 0) return;
          // Its margin in the perceptron's own coordinates x̃ = (x₁, x₂, 1), for the unit vector u ∝ (n, −c).
          const norm = Math.hypot(n[0], n[1], c);
          let mTrue = Infinity;
          for (const p of pts) mTrue = Math.min(mTrue, ((p.label ? 1 : -1) * (n[0] * p.x1 + n[1] * p.x2 - c)) / norm);
          const R = radiusOf(pts);
          const boundTrue = (R / mTrue) ** 2;
          const run = runToEnd(pts, eta, Math.ceil(boundTrue) + 2);
          expect(run.converged).toBe(true);
          // Mistakes are whole numbers; the bounds are floats that may land a rounding error below a
          // whole number they equal (fast-check found R = γ, bound 1, computed as 0.9999999999999996).
          expect(run.mistakes).toBeLessThanOrEqual(boundTrue * (1 + 1e-9));
          // The solver's γ is at least the generating line's margin, so its bound is at least as tight.
          const g = maxMargin(pts);
          expect(g.margin).toBeGreaterThanOrEqual(mTrue * (1 - 1e-9));
          expect(run.mistakes).toBeLessThanOrEqual(g.bound * (1 + 1e-9));
        }
      ),
      { numRuns: 80 }
    );
  });

  it('from w = 0 the step size only scales the weights: same mistakes for every η', () => {
    const pts = presetPoints('thin', 3);
    const a = runToEnd(pts, 1, 10_000);
    const b = runToEnd(pts, 0.25, 10_000);
    expect(b.mistakes).toBe(a.mistakes);
    expect(b.seen).toBe(a.seen);
    for (let i = 0; i < 3; i++) expect(b.w[i]).toBeCloseTo(0.25 * a.w[i], 12);
  });
});

describe('XOR: no line, no rest', () => {
  it('is still making mistakes in every one of the last epochs after 2,000', () => {
    for (const eta of [0.1, 1, 1.7]) {
      const run = new PerceptronRun(xorPoints(), eta);
      for (let e = 0; e < 2000; e++) {
        for (let k = 0; k < 4; k++) run.step();
        if (e >= 1990) expect(run.mistakesThisEpoch, `η ${eta}, epoch ${e}`).toBeGreaterThan(0);
      }
      expect(run.converged).toBe(false);
      expect(run.mistakes).toBeGreaterThanOrEqual(2000);
    }
    expect(maxMargin(xorPoints()).separable).toBe(false);
  });

  it('detects the exact loop on XOR with η = 1: the same weights come back at an epoch boundary', () => {
    const run = new PerceptronRun(xorPoints(), 1);
    for (let k = 0; k < 4 * 20; k++) run.step();
    expect(run.cycle).not.toBeNull();
    const { firstEpoch, period, mistakesPerPeriod } = run.cycle!;
    // Replay independently: the weights at the two epoch starts really are equal.
    const replay = new PerceptronRun(xorPoints(), 1);
    const starts: Weights[] = [replay.w];
    for (let e = 0; e < firstEpoch + period; e++) {
      for (let k = 0; k < 4; k++) replay.step();
      starts.push(replay.w);
    }
    expect(starts[firstEpoch + period]).toEqual(starts[firstEpoch]);
    expect(mistakesPerPeriod).toBeGreaterThan(0);
  });

  it('never reports a loop for a run that converged', () => {
    const run = runToEnd(presetPoints('wide', 2), 1, 100);
    for (let k = 0; k < 200; k++) run.step();
    expect(run.converged).toBe(true);
    expect(run.cycle).toBeNull();
  });
});
