/**
 * What one of figure 10's planes draws for a learner's weights, in plane coordinates (the square
 * PLANE.min … PLANE.max): the regions each class gets, the line and its companions (the ghost of
 * the last line, the widest-margin street, logistic regression's p = 0.1 and 0.9 lines), and the
 * arrows of the weight vector and its last update. Pure numbers: the component scales and draws.
 */
import type { LabelledPoint, Weights } from './perceptron';
import { sigmoid } from './logistic';
import { PLANE } from './point-sets';
import { halfSquare, segmentInSquare, type Pt } from './square-geometry';

export type { Pt };
export type Segment = [Pt, Pt];

const LO = PLANE.min,
  HI = PLANE.max;

export interface WidestLine {
  direction: Weights;
  margin: number;
}

/** The perceptron's flat half-planes (ŷ = 1 where w·x̃ > 0); with w₁ = w₂ = 0 one class takes the square. */
export function classRegions(w: Weights): { one: Pt[]; zero: Pt[] } {
  if (w[0] === 0 && w[1] === 0) {
    const whole = halfSquare([0, 0, 1], LO, HI, true);
    return w[2] > 0 ? { one: whole, zero: [] } : { one: [], zero: whole };
  }
  return { one: halfSquare(w, LO, HI, true), zero: halfSquare(w, LO, HI, false) };
}

export interface ProbabilityRamp {
  /** The ramp runs from `a` to `b`, along the line's normal. */
  a: Pt;
  b: Pt;
  stops: { offset: number; one: boolean; opacity: number }[];
}

/**
 * Logistic regression's p = σ(w·x̃) changes only across the line, so a linear gradient along the
 * normal draws it; null when w₁ = w₂ = 0 (then p is the same everywhere: `uniformProbability`).
 */
export function probabilityRamp(w: Weights): ProbabilityRamp | null {
  const w12 = Math.hypot(w[0], w[1]);
  if (w12 === 0) return null;
  const c = (LO + HI) / 2;
  const n: Pt = [w[0] / w12, w[1] / w12];
  const along = (w[0] * c + w[1] * c + w[2]) / w12;
  const foot: Pt = [c - along * n[0], c - along * n[1]];
  const T = Math.min(4, Math.log(0.97 / 0.03) / w12);
  const stops = [];
  for (let k = 0; k <= 12; k++) {
    const p = sigmoid(w12 * (-T + (2 * T * k) / 12));
    stops.push({ offset: k / 12, one: p > 0.5, opacity: Math.abs(2 * p - 1) * 0.32 });
  }
  return { a: [foot[0] - T * n[0], foot[1] - T * n[1]], b: [foot[0] + T * n[0], foot[1] + T * n[1]], stops };
}

export const uniformProbability = (w: Weights) => sigmoid(w[2]);

/** The line w·x̃ = c inside the square, or null when it misses the square. */
export const lineOf = (w: Weights, c = 0): Segment | null => segmentInSquare(w, LO, HI, c);

/** Logistic regression's p = 0.1 and p = 0.9 lines: w·x̃ = ∓ln 9. */
export const softEdges = (w: Weights) => [lineOf(w, -Math.log(9)), lineOf(w, Math.log(9))];

/** The widest-margin line and the two edges of its street, γ either side. */
export const streetOf = (widest: WidestLine) => ({
  centre: lineOf(widest.direction),
  edges: [lineOf(widest.direction, -widest.margin), lineOf(widest.direction, widest.margin)]
});

/** Which points sit on the edge of the widest street: the ones that fix γ. */
export function supportPoints(points: readonly LabelledPoint[], widest: WidestLine): boolean[] {
  const d = widest.direction;
  return points.map((p) => {
    const s = (p.label === 1 ? 1 : -1) * (d[0] * p.x1 + d[1] * p.x2 + d[2]);
    return Math.abs(s - widest.margin) <= 1e-6 * Math.max(1, widest.margin) + 1e-9;
  });
}

export interface WeightArrows {
  /** Where the arrows start: the middle of the line (or of the square when there is no line). */
  anchor: Pt;
  now: Pt | null;
  before: Pt | null;
  /** The update Δw runs from here to `now`. */
  from: Pt | null;
}

/**
 * The normal w₁₂ drawn at the line's middle (it points into the class-1 side), and, after a
 * mistake, the one before it and the update between them, all on one scale.
 */
export function weightArrows(w: Weights, previous: Weights | null): WeightArrows {
  const line = lineOf(w);
  const anchor: Pt = line ? [(line[0][0] + line[1][0]) / 2, (line[0][1] + line[1][1]) / 2] : [(LO + HI) / 2, (LO + HI) / 2];
  const now = Math.hypot(w[0], w[1]);
  const before = previous ? Math.hypot(previous[0], previous[1]) : 0;
  const scale = 0.32 / Math.max(now, before, 1e-12);
  const tip = (v: Weights): Pt => [anchor[0] + scale * v[0], anchor[1] + scale * v[1]];
  return {
    anchor,
    now: now > 0 ? tip(w) : null,
    before: previous && before > 0 ? tip(previous) : null,
    from: previous ? (before > 0 ? tip(previous) : anchor) : null
  };
}
