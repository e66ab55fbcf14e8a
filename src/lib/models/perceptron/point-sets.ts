/**
 * The point sets figure 10 starts from: two seeded separable clouds (one with a wide gap between the
 * classes, one with a thin gap) and XOR's four corners. Coordinates are rounded to hundredths, the
 * resolution at which the figure places points, so what the figure shows is exactly what it uses.
 */
import { Rng } from '$lib/engine';
import type { Label, LabelledPoint } from './perceptron';

/** The square of the plane the figure draws; XOR's corners (0,0) … (1,1) sit in its middle. */
export const PLANE = { min: -0.5, max: 1.5 } as const;

export type PresetId = 'wide' | 'thin' | 'xor';

export const PRESETS: readonly { id: PresetId; name: string }[] = [
  { id: 'wide', name: 'Wide margin' },
  { id: 'thin', name: 'Thin margin' },
  { id: 'xor', name: 'XOR' }
];

/** Rounds to the figure's grid of hundredths and keeps the point inside the plane. */
export function snap(v: number): number {
  const r = Math.round(v * 100) / 100;
  return Math.min(PLANE.max, Math.max(PLANE.min, r));
}

/** XOR, as section 10 gives it: class 1 at (0, 1) and (1, 0), class 0 at (0, 0) and (1, 1). */
export function xorPoints(): LabelledPoint[] {
  return [
    { x1: 0, x2: 0, label: 0 },
    { x1: 0, x2: 1, label: 1 },
    { x1: 1, x2: 0, label: 1 },
    { x1: 1, x2: 1, label: 0 }
  ];
}

/**
 * Points on both sides of a random line through the plane's centre, none closer to it than `gap`
 * (distance in the plane) and none on top of another, half of each class, in a shuffled order. With `tight`, one point of each
 * class is placed just outside the gap so that the gap really is that thin.
 */
export function separablePoints(seed: number, count: number, gap: number, tight: boolean): LabelledPoint[] {
  const rng = new Rng(seed);
  const angle = rng.uniform(0.15, 0.85) * Math.PI; // keeps the line from lying along an axis
  const nx = Math.cos(angle),
    ny = Math.sin(angle);
  const c = 0.5 * (PLANE.min + PLANE.max);
  const side = (x1: number, x2: number) => (x1 - c) * nx + (x2 - c) * ny;
  const inner = PLANE.min + 0.08,
    outer = PLANE.max - 0.08;
  const points: LabelledPoint[] = [];
  const want = [Math.floor(count / 2), count - Math.floor(count / 2)];
  const have = [0, 0];
  if (tight) {
    for (const label of [0, 1] as Label[]) {
      const sign = label === 1 ? 1 : -1;
      for (;;) {
        // A point along the line, pushed just past the gap on its class's side.
        const t = rng.uniform(-0.6, 0.6);
        const d = sign * (gap + rng.uniform(0.002, 0.01));
        const x1 = snap(c - ny * t + nx * d),
          x2 = snap(c + nx * t + ny * d);
        if (sign * side(x1, x2) >= gap) {
          points.push({ x1, x2, label });
          have[label]++;
          break;
        }
      }
    }
  }
  // Points closer than this would sit on top of each other in the figure.
  const crowded = (x1: number, x2: number) => points.some((p) => Math.hypot(p.x1 - x1, p.x2 - x2) < 0.07);
  while (have[0] < want[0] || have[1] < want[1]) {
    const x1 = snap(rng.uniform(inner, outer)),
      x2 = snap(rng.uniform(inner, outer));
    const s = side(x1, x2);
    if (Math.abs(s) < gap || crowded(x1, x2)) continue;
    const label: Label = s > 0 ? 1 : 0;
    if (have[label] >= want[label]) continue;
    points.push({ x1, x2, label });
    have[label]++;
  }
  return rng.shuffle(points);
}

export function presetPoints(id: PresetId, seed: number): LabelledPoint[] {
  switch (id) {
    case 'wide':
      return separablePoints(seed, 20, 0.3, false);
    case 'thin':
      return separablePoints(seed, 24, 0.025, true);
    case 'xor':
      return xorPoints();
  }
}
