/**
 * Contour lines of a grid of values by marching squares: for each level, the line segments where
 * the bilinear surface through the grid crosses that level (the segments are drawn as they come;
 * no need to join them for a plot). Values at cell centres; row 0 is the bottom row.
 */
export interface GridValues {
  nx: number;
  ny: number;
  /** Row-major, length nx·ny. */
  values: ArrayLike<number>;
}

/** A segment in grid coordinates: x in [0, nx − 1] along columns, y in [0, ny − 1] along rows. */
export type Segment = [number, number, number, number];

export function contourSegments(grid: GridValues, level: number): Segment[] {
  const { nx, ny, values: v } = grid;
  const out: Segment[] = [];
  // Where along an edge from value a to value b the level is crossed (0…1).
  const at = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r + 1 < ny; r++) {
    for (let c = 0; c + 1 < nx; c++) {
      const bl = v[r * nx + c], br = v[r * nx + c + 1], tl = v[(r + 1) * nx + c], tr = v[(r + 1) * nx + c + 1];
      if (![bl, br, tl, tr].every(Number.isFinite)) continue;
      // Crossing points on the four edges of the cell, where the level lies between the corners.
      const pts: [number, number][] = [];
      if (bl < level !== br < level) pts.push([c + at(bl, br), r]); // bottom
      if (br < level !== tr < level) pts.push([c + 1, r + at(br, tr)]); // right
      if (tl < level !== tr < level) pts.push([c + at(tl, tr), r + 1]); // top
      if (bl < level !== tl < level) pts.push([c, r + at(bl, tl)]); // left
      if (pts.length === 2) out.push([pts[0][0], pts[0][1], pts[1][0], pts[1][1]]);
      else if (pts.length === 4) {
        // A saddle: decide the pairing by the value at the cell's centre.
        const centre = (bl + br + tl + tr) / 4;
        const [bottom, right, top, left] = pts;
        if (centre < level === bl < level) {
          out.push([bottom[0], bottom[1], right[0], right[1]], [top[0], top[1], left[0], left[1]]);
        } else {
          out.push([bottom[0], bottom[1], left[0], left[1]], [top[0], top[1], right[0], right[1]]);
        }
      }
    }
  }
  return out;
}
