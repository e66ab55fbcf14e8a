import { describe, expect, it } from 'vitest';
import { contourSegments } from '$lib/ui/contour-lines';

/** Values of f at the cell centres of an n×n grid over [−1, 1]². */
function sample(f: (x: number, y: number) => number, n: number) {
  const values = new Float64Array(n * n);
  const coord = (i: number) => -1 + (2 * (i + 0.5)) / n;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) values[r * n + c] = f(coord(c), coord(r));
  return { nx: n, ny: n, values, toWorld: (g: number) => -1 + (2 * (g + 0.5)) / n };
}

describe('contour lines by marching squares', () => {
  it('traces a circle of the right radius for x² + y², as a closed loop', () => {
    const g = sample((x, y) => x * x + y * y, 60);
    const segs = contourSegments(g, 0.25);
    expect(segs.length).toBeGreaterThan(40);
    const ends = new Map<string, number>();
    for (const s of segs) {
      for (const [gx, gy] of [[s[0], s[1]], [s[2], s[3]]]) {
        const radius = Math.hypot(g.toWorld(gx), g.toWorld(gy));
        expect(Math.abs(radius - 0.5)).toBeLessThan(0.01);
        const key = `${gx.toFixed(6)},${gy.toFixed(6)}`;
        ends.set(key, (ends.get(key) ?? 0) + 1);
      }
    }
    // Every end point is shared by exactly two segments: the line closes on itself.
    for (const count of ends.values()) expect(count).toBe(2);
  });

  it('gives straight lines for a plane and nothing for a level outside the range', () => {
    const g = sample((x, y) => x + 2 * y, 20);
    for (const s of contourSegments(g, 0.5)) {
      expect(g.toWorld(s[0]) + 2 * g.toWorld(s[1])).toBeCloseTo(0.5, 9);
      expect(g.toWorld(s[2]) + 2 * g.toWorld(s[3])).toBeCloseTo(0.5, 9);
    }
    expect(contourSegments(g, 10)).toEqual([]);
  });

  it('splits a saddle cell into two segments and skips cells with non-finite corners', () => {
    const saddle = { nx: 2, ny: 2, values: [1, 0, 0, 1] };
    expect(contourSegments(saddle, 0.5)).toHaveLength(2);
    expect(contourSegments({ nx: 2, ny: 2, values: [NaN, 0, 1, 1] }, 0.5)).toEqual([]);
  });
});
