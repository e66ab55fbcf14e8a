/**
 * Figure 4b: the straight road through knob space from the random start θ₀ to the trained knobs θ*,
 *   θ(t) = (1 − t)·θ₀ + t·θ*,   t from 0 ("random") to 1 ("fitted"),
 * and the loss along it: a one-dimensional slice of the landscape (the picture Goodfellow, Vinyals
 * and Saxe drew in 2015 to ask how hard a network's training problem really is).
 */
import type { Mlp } from '../mlp/mlp';
import type { CurveTask } from '../mlp/nyc-curve-task';

/** θ(t), knob by knob. At t = 0 and t = 1 the ends come back exactly. */
export function knobsAt(start: Float32Array, end: Float32Array, t: number): Float32Array {
  if (start.length !== end.length) throw new Error('knobsAt: the two settings have different knob counts');
  const out = new Float32Array(start.length);
  for (let i = 0; i < out.length; i++) out[i] = (1 - t) * start[i] + t * end[i];
  return out;
}

export interface PathPoint {
  t: number;
  loss: number;
}

/** The loss at θ(t). `net` is used as scratch: its knobs are left at θ(t). */
export function lossOnRoad(net: Mlp, task: CurveTask, start: Float32Array, end: Float32Array, t: number): number {
  net.setKnobs(knobsAt(start, end, t));
  return net.loss(task);
}

/**
 * The loss at `samples` + 1 evenly spaced points of the road, t = 0 … 1. `net` is used as scratch
 * (its knobs are restored afterwards).
 */
export function lossAlongPath(net: Mlp, task: CurveTask, start: Float32Array, end: Float32Array, samples: number): PathPoint[] {
  const kept = net.getKnobs();
  const points: PathPoint[] = [];
  try {
    for (let s = 0; s <= samples; s++) points.push({ t: s / samples, loss: lossOnRoad(net, task, start, end, s / samples) });
  } finally {
    net.setKnobs(kept);
  }
  return points;
}
