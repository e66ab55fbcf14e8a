import { describe, expect, it } from 'vitest';
import { PLANE, presetPoints, snap } from '$lib/models/perceptron/point-sets';
import { maxMargin } from '$lib/models/perceptron/max-margin';

describe("figure 10's point sets", () => {
  it('are the same for the same seed and differ for another', () => {
    expect(presetPoints('wide', 3)).toEqual(presetPoints('wide', 3));
    expect(presetPoints('wide', 3)).not.toEqual(presetPoints('wide', 4));
  });

  it('sit on the grid of hundredths inside the plane, with both classes present', () => {
    for (const id of ['wide', 'thin', 'xor'] as const) {
      const pts = presetPoints(id, 1);
      for (const p of pts) {
        for (const v of [p.x1, p.x2]) {
          expect(v).toBeGreaterThanOrEqual(PLANE.min);
          expect(v).toBeLessThanOrEqual(PLANE.max);
          expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-9);
        }
      }
      expect(new Set(pts.map((p) => p.label)).size).toBe(2);
    }
  });

  it('give the thin preset a much smaller margin than the wide one', () => {
    for (const seed of [1, 2, 3, 4]) {
      const wide = maxMargin(presetPoints('wide', seed));
      const thin = maxMargin(presetPoints('thin', seed));
      expect(thin.separable && wide.separable).toBe(true);
      expect(thin.margin).toBeLessThan(wide.margin / 3);
    }
  });

  it('keeps the random points apart, so none hides another', () => {
    for (const id of ['wide', 'thin'] as const) {
      for (const seed of [1, 2, 3]) {
        const pts = presetPoints(id, seed);
        for (let i = 0; i < pts.length; i++)
          for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i].x1 - pts[j].x1, pts[i].x2 - pts[j].x2)).toBeGreaterThan(0.04);
      }
    }
  });

  it('snaps to hundredths and clamps to the plane', () => {
    expect(snap(0.123)).toBe(0.12);
    expect(snap(7)).toBe(PLANE.max);
    expect(snap(-7)).toBe(PLANE.min);
  });
});
