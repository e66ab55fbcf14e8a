/**
 * Figure 5b: a real loss landscape over two knobs of the trained network (every other knob held
 * at its trained value), and descents across it from one start by gradient descent, momentum and
 * Adam — the engine's own optimisers, fed by the engine's backward sweep through the whole network.
 */
import { type Optimizer, param, type Tensor } from '$lib/engine';
import type { KnobSlice } from '../knobs/knob-slice';
import { type OptimizerKind, makeOptimizer } from './optimizers';

export interface GridSpec {
  /** Range of the first knob (horizontal axis). */
  x: [number, number];
  /** Range of the second knob (vertical axis). */
  y: [number, number];
  nx: number;
  ny: number;
}

/** The knob values at the centre of grid cell (column c, row r); row 0 is the low end of y. */
export function cellCentre(grid: GridSpec, c: number, r: number): [number, number] {
  return [
    grid.x[0] + ((c + 0.5) / grid.nx) * (grid.x[1] - grid.x[0]),
    grid.y[0] + ((r + 0.5) / grid.ny) * (grid.y[1] - grid.y[0])
  ];
}

/**
 * Loss at the cell centres of rows [rowFrom, rowTo), written into `out` (length nx·ny, row-major).
 * A few rows at a time lets a figure spread the work over animation frames.
 */
export function fillLossGrid(plane: KnobSlice, grid: GridSpec, out: Float32Array, rowFrom: number, rowTo: number): void {
  if (plane.knobs.length !== 2) throw new Error('fillLossGrid: the slice must have two free knobs');
  for (let r = rowFrom; r < Math.min(rowTo, grid.ny); r++) {
    for (let c = 0; c < grid.nx; c++) out[r * grid.nx + c] = plane.lossAt(cellCentre(grid, c, r));
  }
}

export interface DescentPoint {
  /** Step number (0 = the start). */
  step: number;
  a: number;
  b: number;
  /** Loss at (a, b). */
  loss: number;
}

/** One walk across the plane; `path` holds every point visited, the start first. */
export class Descent {
  readonly path: DescentPoint[];
  /** True once a step produced a non-finite knob or loss; the walk then stays where it was. */
  blewUp = false;
  private readonly point: Tensor;
  private readonly optimizer: Optimizer;
  private slope: number[];

  constructor(
    private readonly plane: KnobSlice,
    readonly kind: OptimizerKind,
    readonly lr: number,
    start: readonly [number, number]
  ) {
    if (plane.knobs.length !== 2) throw new Error('Descent: the slice must have two free knobs');
    this.point = param([start[0], start[1]]);
    this.optimizer = makeOptimizer(kind, [this.point], lr);
    const first = plane.gradientAt(Array.from(this.point.data));
    this.slope = first.gradient;
    this.path = [{ step: 0, a: this.point.data[0], b: this.point.data[1], loss: first.loss }];
  }

  get current(): DescentPoint {
    return this.path[this.path.length - 1];
  }

  /** One update of the two knobs by the optimiser, from the slope where the walk stands. */
  step(): DescentPoint {
    if (this.blewUp) return this.current;
    this.point.grad = Float32Array.from(this.slope);
    this.optimizer.step();
    const [a, b] = this.point.data;
    const next = Number.isFinite(a) && Number.isFinite(b) ? this.plane.gradientAt([a, b]) : null;
    if (next === null || !Number.isFinite(next.loss) || !next.gradient.every(Number.isFinite)) {
      this.blewUp = true;
      return this.current;
    }
    this.slope = next.gradient;
    const p: DescentPoint = { step: this.path.length, a, b, loss: next.loss };
    this.path.push(p);
    return p;
  }
}

/**
 * What figure 5b shows unless the reader changes it: the weight from unit 0 of the first hidden
 * layer into unit 1 of the second, and that unit's bias (in the 1 → 8 → 8 → 1 network), over a
 * window around their trained values, and the start, step sizes and step count of the race.
 */
export const LANDSCAPE_DEFAULTS = {
  knobs: ['W₂[0,1]', 'b₂[1]'] as const,
  grid: { x: [-3, 7], y: [-4, 4], nx: 72, ny: 72 } as GridSpec,
  start: [4, 3] as [number, number],
  lr: { gd: 1, momentum: 1, adam: 0.1 } as Record<OptimizerKind, number>,
  steps: 150
};
