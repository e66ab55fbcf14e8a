/**
 * Where figure 4a draws the knobs of the 1 → w → w → 1 network, as a mixing desk laid out like the
 * network's weight matrices (a crossbar):
 *
 *   x ─W₁[0,0]──W₁[0,1]── …          row 0: the input's weight into each first-layer unit
 *        b₁[0]   b₁[1]               row 1: first-layer biases
 *        (h₁0)   (h₁1)   …   b₃      row 2: first-layer units; b₃ heads the output bus
 *          │       │
 *   row j: W₂[0,j]─W₂[1,j]─ … ─b₂[j]─(h₂j)─W₃[j,0]─┤   one row per second-layer unit
 *                                                  ŷ   the output, at the foot of the bus
 *
 * Each first-layer unit's output runs down its column; each row sums into one second-layer unit,
 * whose output passes its W₃ knob onto the bus. A knob's "path" is every wire its effect travels
 * along on the way to ŷ. Units are in grid cells; the figure scales them to pixels.
 */
import type { KnobInfo } from '$lib/models/mlp/mlp';

export interface DeskGeometry {
  /** Grid columns and rows (the figure maps cell (c, r) to pixels). */
  cols: number;
  rows: number;
  /** Cell of each knob, by knob index. */
  knobCell: [number, number][];
  /** Cells of the units: first layer, second layer, output. */
  h1: [number, number][];
  h2: [number, number][];
  out: [number, number];
  input: [number, number];
  /** Every wire segment, by id: [c0, r0, c1, r1]. */
  wires: Map<string, [number, number, number, number]>;
}

/** Column of the input node; columns 1…w hold the first layer's units. */
const IN = 0;

export function deskGeometry(width: number): DeskGeometry {
  const w = width;
  const colOf = (i: number) => IN + 1 + i; // first-layer unit i's column
  const rowOf = (j: number) => 3 + j; // second-layer unit j's row
  const bCol = colOf(w), h2Col = bCol + 1, w3Col = h2Col + 1, bus = w3Col + 1;
  const outRow = rowOf(w);
  const knobCell: [number, number][] = [];
  for (let i = 0; i < w; i++) knobCell.push([colOf(i), 0]); // W₁[0,i]
  for (let i = 0; i < w; i++) knobCell.push([colOf(i), 1]); // b₁[i]
  for (let i = 0; i < w; i++) for (let j = 0; j < w; j++) knobCell.push([colOf(i), rowOf(j)]); // W₂[i,j]
  for (let j = 0; j < w; j++) knobCell.push([bCol, rowOf(j)]); // b₂[j]
  for (let j = 0; j < w; j++) knobCell.push([w3Col, rowOf(j)]); // W₃[j,0]
  knobCell.push([bus, 2]); // b₃

  const wires = new Map<string, [number, number, number, number]>();
  for (let i = 0; i < w; i++) {
    wires.set(`x${i}`, [i === 0 ? IN : colOf(i - 1), 0, colOf(i), 0]);
    wires.set(`top${i}`, [colOf(i), 0, colOf(i), 2]);
    for (let j = 0; j < w; j++) wires.set(`down${i}.${j}`, [colOf(i), j === 0 ? 2 : rowOf(j - 1), colOf(i), rowOf(j)]);
  }
  for (let j = 0; j < w; j++) {
    for (let c = colOf(0); c < bus; c++) wires.set(`row${j}.${c}`, [c, rowOf(j), c + 1, rowOf(j)]);
  }
  for (let r = 2; r < outRow; r++) wires.set(`bus${r}`, [bus, r, bus, r + 1]);

  return {
    cols: bus + 1,
    rows: outRow + 1,
    knobCell,
    h1: Array.from({ length: w }, (_, i) => [colOf(i), 2]),
    h2: Array.from({ length: w }, (_, j) => [h2Col, rowOf(j)]),
    out: [bus, outRow],
    input: [IN, 0],
    wires
  };
}

export interface KnobPath {
  wires: Set<string>;
  h1: Set<number>;
  h2: Set<number>;
}

/** The wires and units a knob's effect passes through on its way to the output. */
export function knobPath(knob: KnobInfo, width: number): KnobPath {
  const w = width;
  const wires = new Set<string>();
  const h1 = new Set<number>(), h2 = new Set<number>();
  const bus = 1 + w + 3;
  const rowOf = (j: number) => 3 + j;
  const busFrom = (r: number) => {
    for (let k = r; k < rowOf(w); k++) wires.add(`bus${k}`);
  };
  const rowFrom = (j: number, c: number) => {
    h2.add(j);
    for (let k = c; k < bus; k++) wires.add(`row${j}.${k}`);
    busFrom(rowOf(j));
  };
  const fromUnit1 = (i: number) => {
    h1.add(i);
    for (let j = 0; j < w; j++) {
      wires.add(`down${i}.${j}`);
      rowFrom(j, 1 + i);
    }
  };
  if (knob.layer === 0) {
    if (knob.kind === 'weight') for (let i = 0; i <= knob.to; i++) wires.add(`x${i}`);
    wires.add(`top${knob.to}`);
    fromUnit1(knob.to);
  } else if (knob.layer === 1) {
    if (knob.kind === 'weight') {
      h1.add(knob.from);
      for (let j = 0; j <= knob.to; j++) wires.add(`down${knob.from}.${j}`);
      rowFrom(knob.to, 1 + knob.from);
    } else rowFrom(knob.to, 1 + w);
  } else if (knob.kind === 'weight') {
    rowFrom(knob.from, 1 + w + 2);
    h2.delete(knob.from); // W₃ sits after the unit: the unit itself does not change
  } else busFrom(2);
  return { wires, h1, h2 };
}
