import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxMargin, radiusOf } from '$lib/models/perceptron/max-margin';
import { presetPoints, xorPoints } from '$lib/models/perceptron/point-sets';
import type { Label, LabelledPoint } from '$lib/models/perceptron/perceptron';

type V = [number, number, number];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const axpy = (a: V, t: number, d: V): V => [a[0] + t * d[0], a[1] + t * d[1], a[2] + t * d[2]];

/** Nearest point to the origin on segment ab. */
function onSegment(a: V, b: V): V {
  const d = sub(b, a);
  const dd = dot(d, d);
  const t = dd === 0 ? 0 : Math.min(1, Math.max(0, -dot(a, d) / dd));
  return axpy(a, t, d);
}

/** Nearest point to the origin on triangle abc: its plane's foot if inside, else the best edge point. */
function onTriangle(a: V, b: V, c: V): V {
  const e1 = sub(b, a),
    e2 = sub(c, a);
  const g11 = dot(e1, e1),
    g12 = dot(e1, e2),
    g22 = dot(e2, e2);
  const det = g11 * g22 - g12 * g12;
  const candidates: V[] = [onSegment(a, b), onSegment(b, c), onSegment(a, c)];
  if (det > 1e-14 * g11 * g22) {
    // Minimise |a + s e1 + t e2|²: the normal equations of a 2×2 least-squares problem.
    const r1 = -dot(a, e1),
      r2 = -dot(a, e2);
    const s = (r1 * g22 - r2 * g12) / det,
      t = (r2 * g11 - r1 * g12) / det;
    if (s >= 0 && t >= 0 && s + t <= 1) candidates.push(axpy(axpy(a, s, e1), t, e2));
  }
  return candidates.reduce((best, p) => (dot(p, p) < dot(best, best) ? p : best));
}

/**
 * Reference by brute force, independent of the solver: the hull's nearest point lies in some
 * triangle of the signed points (Carathéodory on a face of a 3-d polytope), so try them all; the
 * classes are separable when that point is not the origin and every signed point lies beyond it.
 */
function referenceMargin(points: LabelledPoint[]): { separable: boolean; gamma: number } {
  const z: V[] = points.map((p) => {
    const s = p.label === 1 ? 1 : -1;
    return [s * p.x1, s * p.x2, s];
  });
  let best: V = z[0];
  for (let i = 0; i < z.length; i++) {
    if (dot(z[i], z[i]) < dot(best, best)) best = z[i];
    for (let j = i + 1; j < z.length; j++) {
      const q = onSegment(z[i], z[j]);
      if (dot(q, q) < dot(best, best)) best = q;
      for (let k = j + 1; k < z.length; k++) {
        const r = onTriangle(z[i], z[j], z[k]);
        if (dot(r, r) < dot(best, best)) best = r;
      }
    }
  }
  const qq = dot(best, best);
  const beyond = z.every((zi) => dot(zi, best) >= qq * (1 - 1e-9) - 1e-12);
  return qq > 1e-16 && beyond ? { separable: true, gamma: Math.sqrt(qq) } : { separable: false, gamma: 0 };
}

/** Points on the figure's grid of hundredths, as the figure places them. */
const gridPoint = fc.record({
  x1: fc.integer({ min: -50, max: 150 }).map((v) => v / 100),
  x2: fc.integer({ min: -50, max: 150 }).map((v) => v / 100),
  label: fc.constantFrom<Label>(0, 1)
});

describe('the best margin γ', () => {
  it('matches a case worked by hand: class 1 at (0, 0), class 0 at (1, 0)', () => {
    // Signed vectors (0, 0, 1) and (−1, 0, −1). The nearest point of the segment between them is
    // (0,0,1) + t(−1,0,−2) with t = 0.4: q = (−0.4, 0, 0.2), |q| = √0.2. The line is x₁ = ½.
    const pts: LabelledPoint[] = [
      { x1: 0, x2: 0, label: 1 },
      { x1: 1, x2: 0, label: 0 }
    ];
    const g = maxMargin(pts);
    expect(g.separable).toBe(true);
    expect(g.margin).toBeCloseTo(Math.sqrt(0.2), 7);
    expect(g.radius).toBeCloseTo(Math.SQRT2, 12);
    expect(g.bound).toBeCloseTo(2 / 0.2, 5);
    expect(g.direction[0]).toBeCloseTo(-2 / Math.sqrt(5), 6);
    expect(g.direction[1]).toBeCloseTo(0, 9);
    expect(g.direction[2]).toBeCloseTo(1 / Math.sqrt(5), 6);
  });

  it('agrees with a brute-force search over every triangle of points (property)', () => {
    fc.assert(
      fc.property(fc.array(gridPoint, { minLength: 1, maxLength: 9 }), (pts) => {
        const ref = referenceMargin(pts);
        const g = maxMargin(pts);
        expect(g.separable).toBe(ref.separable);
        if (ref.separable) {
          expect(g.margin).toBeLessThanOrEqual(ref.gamma * (1 + 1e-9));
          expect(g.margin).toBeGreaterThanOrEqual(ref.gamma - 2e-7 * g.radius);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('agrees with the brute force on separable sets too (property: points labelled by a random line)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 150 }), fc.integer({ min: -50, max: 150 })), { minLength: 2, maxLength: 12 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        (raw, angle, c) => {
          const pts: LabelledPoint[] = raw.map(([a, b]) => {
            const x1 = a / 100,
              x2 = b / 100;
            return { x1, x2, label: Math.cos(angle) * x1 + Math.sin(angle) * x2 > c ? 1 : 0 };
          });
          const ref = referenceMargin(pts);
          const g = maxMargin(pts);
          expect(g.separable).toBe(ref.separable);
          if (ref.separable) expect(Math.abs(g.margin - ref.gamma)).toBeLessThanOrEqual(2e-7 * g.radius);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('certifies what it reports: a unit direction whose smallest signed margin is γ', () => {
    for (const seed of [1, 2, 3]) {
      for (const id of ['wide', 'thin'] as const) {
        const pts = presetPoints(id, seed);
        const g = maxMargin(pts);
        const u = g.direction;
        expect(Math.hypot(...u)).toBeCloseTo(1, 12);
        const smallest = Math.min(...pts.map((p) => (p.label ? 1 : -1) * (u[0] * p.x1 + u[1] * p.x2 + u[2])));
        expect(smallest).toBeCloseTo(g.margin, 12);
        expect(g.gap).toBeLessThanOrEqual(1e-7 * g.radius);
        expect(g.bound).toBeCloseTo((radiusOf(pts) / g.margin) ** 2, 9);
      }
    }
  });

  it('finds no margin for XOR, for a point given both labels, and none for no points', () => {
    expect(maxMargin(xorPoints()).separable).toBe(false);
    expect(maxMargin(xorPoints()).bound).toBe(Infinity);
    const clash: LabelledPoint[] = [
      { x1: 0.3, x2: 0.3, label: 1 },
      { x1: 0.3, x2: 0.3, label: 0 }
    ];
    expect(maxMargin(clash).separable).toBe(false);
    expect(maxMargin([]).separable).toBe(false);
  });

  it('treats one class alone as separable', () => {
    const g = maxMargin([
      { x1: 0.2, x2: 0.9, label: 1 },
      { x1: 1.1, x2: -0.3, label: 1 }
    ]);
    expect(g.separable).toBe(true);
    expect(g.margin).toBeGreaterThan(0);
  });

  it('does not depend on the order of the points', () => {
    const pts = presetPoints('thin', 4);
    const a = maxMargin(pts).margin;
    const b = maxMargin([...pts].reverse()).margin;
    expect(Math.abs(a - b)).toBeLessThanOrEqual(2e-7 * radiusOf(pts));
  });
});
