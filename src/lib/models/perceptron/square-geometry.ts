/**
 * Drawing geometry for figure 10: where a line w₁x₁ + w₂x₂ + w₀ = c crosses the plotted square,
 * and the part of the square on one side of it. Pure functions of numbers, in plane coordinates.
 */
import type { Weights } from './perceptron';

export type Pt = [number, number];

/** The square's corners, anticlockwise. */
function corners(lo: number, hi: number): Pt[] {
  return [
    [lo, lo],
    [hi, lo],
    [hi, hi],
    [lo, hi]
  ];
}

const value = (w: Weights, p: Pt, c: number) => w[0] * p[0] + w[1] * p[1] + w[2] - c;

/**
 * The polygon of the square where w·x̃ − c has the given sign (> 0 for `positive`, ≤ 0 otherwise),
 * by clipping the square against one half-plane (one pass of Sutherland–Hodgman).
 */
export function halfSquare(w: Weights, lo: number, hi: number, positive: boolean, c = 0): Pt[] {
  const sign = positive ? 1 : -1;
  const poly = corners(lo, hi);
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i],
      b = poly[(i + 1) % poly.length];
    const va = sign * value(w, a, c),
      vb = sign * value(w, b, c);
    if (va >= 0) out.push(a);
    if ((va >= 0) !== (vb >= 0)) {
      const t = va / (va - vb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** The segment of the line w·x̃ = c inside the square, or null when it misses the square. */
export function segmentInSquare(w: Weights, lo: number, hi: number, c = 0): [Pt, Pt] | null {
  if (w[0] === 0 && w[1] === 0) return null;
  const hits: Pt[] = [];
  const poly = corners(lo, hi);
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i],
      b = poly[(i + 1) % poly.length];
    const va = value(w, a, c),
      vb = value(w, b, c);
    if (va === 0) hits.push(a);
    else if (va * vb < 0) {
      const t = va / (va - vb);
      hits.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  if (hits.length < 2) return null;
  // The two hits farthest apart (a line through a corner can report that corner twice).
  let best: [Pt, Pt] = [hits[0], hits[1]];
  let bestD = -1;
  for (let i = 0; i < hits.length; i++)
    for (let j = i + 1; j < hits.length; j++) {
      const d = (hits[i][0] - hits[j][0]) ** 2 + (hits[i][1] - hits[j][1]) ** 2;
      if (d > bestD) {
        bestD = d;
        best = [hits[i], hits[j]];
      }
    }
  return bestD > 0 ? best : null;
}
