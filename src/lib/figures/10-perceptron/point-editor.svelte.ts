/**
 * Figure 10's points as the reader edits them: a preset's points, or their own once they add, move
 * or delete one (the URL then keeps the last preset they came from). Every change says what it did
 * in `notice` (the figure's status line) and hands the new points to `changed`, which starts both
 * learners again.
 */
import { formatFixed } from '$lib/ui/format';
import type { Label, LabelledPoint } from '$lib/models/perceptron/perceptron';
import { presetPoints, type PresetId } from '$lib/models/perceptron/point-sets';

export const MAX_POINTS = 80;

export function describePoint(p: LabelledPoint): string {
  return `class ${p.label} point at (${formatFixed(p.x1, 2)}, ${formatFixed(p.x2, 2)})`;
}

/** The preset and its seed, as the figure's controls keep them. */
export interface PointSource {
  preset: PresetId;
  seed: number;
}

export class PointEditor {
  points: LabelledPoint[] = $state([]);
  /** The points are the reader's own (edited by hand), not `source.preset`'s. */
  own = $state(false);
  selected = $state(-1);
  notice = $state('');

  private readonly source: PointSource;
  private readonly changed: () => void;

  constructor(source: PointSource, changed: () => void) {
    this.source = source;
    this.changed = changed;
    this.points = presetPoints(source.preset, source.seed);
  }

  /** The preset now shown, or null for the reader's own points. */
  get preset(): PresetId | null {
    return this.own ? null : this.source.preset;
  }

  choosePreset(id: PresetId, seed: number): void {
    this.source.preset = id;
    this.source.seed = seed;
    this.points = presetPoints(id, seed);
    this.own = false;
    this.selected = -1;
    this.notice = '';
    this.changed();
  }

  add(x1: number, x2: number, label: Label): void {
    if (this.points.length >= MAX_POINTS) {
      this.notice = `The figure holds at most ${MAX_POINTS} points; delete one first.`;
      return;
    }
    this.points.push({ x1, x2, label });
    this.edited(`Added a ${describePoint({ x1, x2, label })}.`);
  }

  move(i: number, x1: number, x2: number): void {
    const p = this.points[i];
    if (!p || (p.x1 === x1 && p.x2 === x2)) return;
    p.x1 = x1;
    p.x2 = x2;
    this.edited(`Moved to (${formatFixed(x1, 2)}, ${formatFixed(x2, 2)}).`);
  }

  select(i: number): void {
    this.selected = i;
    this.notice = i >= 0 ? `Selected point ${i + 1} of ${this.points.length}: ${describePoint(this.points[i])}.` : 'No point selected.';
  }

  remove(i: number): void {
    if (!this.points[i]) return;
    const gone = describePoint(this.points[i]);
    this.points.splice(i, 1);
    this.selected = -1;
    this.edited(`Deleted the ${gone}.`);
  }

  clear(): void {
    this.points = [];
    this.selected = -1;
    this.edited('All points removed. Add some: click the plane, or focus it and press Enter.');
  }

  private edited(notice: string): void {
    this.own = true;
    this.notice = notice;
    this.changed();
  }
}
