import { describe, expect, it } from 'vitest';
import { deskGeometry, knobPath } from '$lib/figures/04-knobs/desk-layout';
import { layoutGraph } from '$lib/figures/05-engine/graph-layout';
import { knobRange } from '$lib/figures/04-knobs/knob-ranges';
import { Mlp } from '$lib/models/mlp/mlp';
import { buildTinyGraph, randomTinyKnobs } from '$lib/models/descent/tiny-network';

describe('figure 4a: the desk', () => {
  const net = new Mlp(8, 1);
  const info = net.knobInfo();
  const desk = deskGeometry(8);

  it('gives every knob its own cell, clear of the units', () => {
    const cells = desk.knobCell.map(([c, r]) => `${c},${r}`);
    expect(cells).toHaveLength(97);
    expect(new Set(cells).size).toBe(97);
    const units = [...desk.h1, ...desk.h2, desk.out, desk.input].map(([c, r]) => `${c},${r}`);
    for (const u of units) expect(cells).not.toContain(u);
  });

  it('lights a path that always ends on the output wire, longer for knobs nearer the input', () => {
    const sizes = new Map<number, number>();
    for (const k of info) {
      const p = knobPath(k, 8);
      for (const id of p.wires) expect(desk.wires.has(id)).toBe(true);
      expect(p.wires.has(`bus${desk.rows - 2}`)).toBe(true); // the last stretch into ŷ
      sizes.set(k.layer, Math.max(sizes.get(k.layer) ?? 0, p.wires.size));
    }
    expect(sizes.get(0)!).toBeGreaterThan(sizes.get(1)!);
    expect(sizes.get(1)!).toBeGreaterThan(sizes.get(2)!);
    // A first-layer knob reaches every second-layer unit; a second-layer weight exactly one.
    expect(knobPath(info[0], 8).h2.size).toBe(8);
    const w2 = info.find((k) => k.symbol === 'W₂[2,4]')!;
    expect([...knobPath(w2, 8).h2]).toEqual([4]);
    expect([...knobPath(w2, 8).h1]).toEqual([2]);
  });

  it('ranges cover both the start and the trained value with room to spare', () => {
    for (const [a, b] of [[0.1, -0.2], [3.01, 1], [-16.6, 0.4], [60, 1]]) {
      const r = knobRange(a, b);
      expect(r).toBeGreaterThanOrEqual(1.5 * Math.max(Math.abs(a), Math.abs(b)));
      expect(r).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('figure 5c: the graph layout', () => {
  it('puts every operation right of its inputs and keeps nodes of a column apart', () => {
    const g = buildTinyGraph(randomTinyKnobs(4), 0.1, 0.5);
    const layout = layoutGraph(g.entries);
    for (const e of g.entries) for (const i of e.inputs) expect(layout.col[i]).toBeLessThan(layout.col[e.id]);
    for (let c = 0; c < layout.cols; c++) {
      const slots = g.entries.filter((e) => layout.col[e.id] === c).map((e) => layout.slot[e.id]);
      expect(new Set(slots).size).toBe(slots.length);
    }
    expect(layout.col[g.lossId]).toBe(layout.cols - 1);
  });
});
