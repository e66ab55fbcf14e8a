import { describe, expect, it } from 'vitest';
import { Descent, LANDSCAPE_DEFAULTS, cellCentre, fillLossGrid } from '$lib/models/descent/landscape';
import { KnobSlice } from '$lib/models/knobs/knob-slice';
import { MOMENTUM } from '$lib/models/descent/optimizers';
import { NYC_TASK } from '$lib/models/mlp/nyc-curve-task';
import { loadShipped } from './shipped';
import { referenceLoss } from './reference-mlp';

const net = loadShipped().trained;
const trained = Float64Array.from(net.getKnobs());
const info = net.knobInfo();
const knobs = LANDSCAPE_DEFAULTS.knobs.map((s) => info.find((k) => k.symbol === s)!.index);
const plane = new KnobSlice(net, NYC_TASK, knobs);

/** The loss at (a, b) computed independently, in double precision. */
function reference(a: number, b: number) {
  const k = trained.slice();
  k[knobs[0]] = Math.fround(a);
  k[knobs[1]] = Math.fround(b);
  return referenceLoss(k, 8, NYC_TASK.x.data, NYC_TASK.y.data);
}

describe('figure 5b: the landscape', () => {
  it('fills the grid with the loss at each cell centre, leaving the network as it was', () => {
    const grid = { ...LANDSCAPE_DEFAULTS.grid, nx: 6, ny: 5 };
    const out = new Float32Array(30);
    fillLossGrid(plane, grid, out, 0, 3);
    fillLossGrid(plane, grid, out, 3, 99);
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < 6; c++) {
        const [a, b] = cellCentre(grid, c, r);
        expect(Math.abs(out[r * 6 + c] - reference(a, b)) / reference(a, b)).toBeLessThan(1e-4);
      }
    }
    expect(Array.from(net.getKnobs())).toEqual(Array.from(trained, Math.fround));
    const [a0, b0] = cellCentre(grid, 0, 0);
    expect(a0).toBeCloseTo(grid.x[0] + (grid.x[1] - grid.x[0]) / 12, 12);
    expect(b0).toBeCloseTo(grid.y[0] + (grid.y[1] - grid.y[0]) / 10, 12);
  });

  it('steps gradient descent and momentum by the textbook rules', () => {
    const [a0, b0] = LANDSCAPE_DEFAULTS.start;
    const g0 = plane.gradientAt([a0, b0]).gradient;
    const gd = new Descent(plane, 'gd', 0.5, [a0, b0]);
    gd.step();
    expect(gd.current.a).toBeCloseTo(a0 - 0.5 * g0[0], 5);
    expect(gd.current.b).toBeCloseTo(b0 - 0.5 * g0[1], 5);
    const mom = new Descent(plane, 'momentum', 0.5, [a0, b0]);
    mom.step();
    const g1 = plane.gradientAt([mom.current.a, mom.current.b]).gradient;
    mom.step();
    // v₂ = μ·g₀ + g₁, so w₂ = w₀ − η·g₀ − η·(μ·g₀ + g₁)
    expect(mom.current.a).toBeCloseTo(a0 - 0.5 * g0[0] - 0.5 * (MOMENTUM * g0[0] + g1[0]), 4);
    expect(mom.current.loss).toBeCloseTo(reference(mom.current.a, mom.current.b), 5);
  });

  it('from the default start, Adam ends lower than plain gradient descent in the same number of steps', () => {
    const { start, lr, steps } = LANDSCAPE_DEFAULTS;
    const walk = (kind: 'gd' | 'momentum' | 'adam') => {
      const d = new Descent(plane, kind, lr[kind], start);
      for (let i = 0; i < steps; i++) d.step();
      expect(d.path).toHaveLength(steps + 1);
      return d.current.loss;
    };
    const gd = walk('gd'), adam = walk('adam'), momentum = walk('momentum');
    expect(adam).toBeLessThan(gd);
    expect(momentum).toBeLessThan(gd);
    expect(adam).toBeLessThan(plane.lossAt(start) / 10);
  });

  it('stops a walk whose steps blow up instead of producing NaN', () => {
    const d = new Descent(plane, 'gd', 1e30, LANDSCAPE_DEFAULTS.start);
    for (let i = 0; i < 5; i++) d.step();
    for (const p of d.path) expect([p.a, p.b, p.loss].every(Number.isFinite)).toBe(true);
  });
});
