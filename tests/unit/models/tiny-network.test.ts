/**
 * Figure 5c. The engine's gradients on the drawn graph against finite differences of an
 * independent double-precision forward pass written from the formulas; the edge-by-edge sweep
 * against the engine's totals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TINY_KNOB_NAMES, buildTinyGraph, evaluateGraph64, nudgeCheck, randomTinyKnobs } from '$lib/models/descent/tiny-network';
import { centralDifference } from '../support/finite-differences';

function lossByFormula(k: readonly number[], x: number, y: number): number {
  const [w1, b1, w2, b2, v1, v2, c] = k;
  const yHat = v1 * Math.tanh(w1 * x + b1) + v2 * Math.tanh(w2 * x + b2) + c;
  return (yHat - y) ** 2;
}

const knobs = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 7, maxLength: 7 }).map((k) => k.map(Math.fround));
const unit = fc.double({ min: -1, max: 1, noNaN: true }).map(Math.fround);

describe('figure 5c: backprop on the tiny network', () => {
  it('gradients match central differences of the formula to 1e-3 relative (property)', () => {
    fc.assert(
      fc.property(knobs, unit, unit.map(Math.abs), (k, x, y) => {
        const g = buildTinyGraph(k, x, y);
        expect(Math.abs(g.loss - lossByFormula(k, x, y))).toBeLessThan(1e-5 * Math.max(1, g.loss));
        const nudged = k.slice();
        k.forEach((_, i) => {
          const fd = centralDifference(() => lossByFormula(nudged, x, y), nudged, i, (v) => 1e-6 * Math.max(1, Math.abs(v)));
          const bp = g.entries[g.knobIds[i]].grad![0];
          // relative to the larger slope; tiny slopes (< 1e-4) compared in absolute terms
          expect(Math.abs(bp - fd)).toBeLessThan(1e-3 * Math.max(Math.abs(fd), Math.abs(bp), 1e-4));
        });
      }),
      { numRuns: 150 }
    );
  });

  it('draws the graph the formula describes: 7 knobs, x, y, the exponent, 12 operations, loss last', () => {
    const g = buildTinyGraph(randomTinyKnobs(1), 0.3, 0.7);
    expect(g.entries).toHaveLength(22);
    expect(g.knobIds.map((id) => g.entries[id].name)).toEqual([...TINY_KNOB_NAMES]);
    expect(g.entries.filter((e) => e.op === 'param')).toHaveLength(7);
    expect(g.entries.filter((e) => e.op === 'input').map((e) => e.name)).toEqual(['x', 'y', '2']);
    expect(g.entries.filter((e) => e.op === 'tanh')).toHaveLength(2);
    expect(g.lossId).toBe(g.entries.length - 1);
    expect(g.entries[g.lossId].grad![0]).toBe(1);
    // every edge points forward in the list (the tape's order is a topological order)
    for (const e of g.entries) for (const i of e.inputs) expect(i).toBeLessThan(e.id);
  });

  it('sweeps back one operation at a time, and the edges add up to the engine’s gradients', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), unit, unit.map(Math.abs), (seed, x, y) => {
        const g = buildTinyGraph(randomTinyKnobs(seed), x, y);
        const ops = g.entries.filter((e) => e.op !== 'param' && e.op !== 'input');
        expect(g.sweep).toHaveLength(ops.length);
        expect(g.sweep.map((edges) => edges[0].to)).toEqual(ops.map((e) => e.id).reverse());
        const total = new Map<number, number>();
        for (const edges of g.sweep) {
          for (const e of edges) {
            expect(g.entries[e.to].inputs).toContain(e.from);
            total.set(e.from, (total.get(e.from) ?? 0) + e.grad);
          }
        }
        for (const e of g.entries) if (e.grad && e.id !== g.lossId) expect(total.get(e.id)).toBeCloseTo(e.grad[0], 6);
      }),
      { numRuns: 40 }
    );
  });

  it('the page’s check agrees with backprop to 1e-3, and reruns the graph to the engine’s loss', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = buildTinyGraph(randomTinyKnobs(seed), (seed % 9) / 4 - 1, (seed % 5) / 5);
      expect(evaluateGraph64(g.entries)[g.lossId]).toBeCloseTo(g.loss, 5);
      const check = nudgeCheck(g);
      expect(check.map((c) => c.name)).toEqual([...TINY_KNOB_NAMES]);
      for (const c of check) expect(c.error).toBeLessThan(1e-3);
    }
  });

  it('a wrong gradient would be caught: the check flags a corrupted one', () => {
    const g = buildTinyGraph(randomTinyKnobs(3), 0.2, 0.5);
    g.entries[g.knobIds[0]].grad![0] *= 1.01;
    expect(Math.max(...nudgeCheck(g).map((c) => c.error))).toBeGreaterThan(5e-3);
  });
});
