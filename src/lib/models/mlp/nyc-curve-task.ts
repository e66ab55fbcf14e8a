/**
 * The regression task of sections 4 and 5: New York City's daily confirmed cases as (day, count)
 * pairs, scaled so a small tanh network can fit them without any tuning of its own:
 *   input  x = 2·d / (n − 1) − 1   (day index d = 0 … n−1 mapped onto [−1, 1])
 *   target y = count / max(count)  (the peak day, 6 April 2020, becomes 1)
 * The loss is the mean squared error over all n days in these scaled units.
 */
import { NYC_CITYWIDE } from '$lib/data/nyc';
import { type Tensor, tensor } from '$lib/engine';

export interface CurveTask {
  /** Number of days. */
  n: number;
  /** Scaled inputs, shape [n, 1]. */
  x: Tensor;
  /** Scaled targets, shape [n, 1]. */
  y: Tensor;
  /** The divisor of the counts: a scaled output of 1 means this many cases. */
  countScale: number;
  /** Scaled input of a (possibly fractional, possibly out-of-range) day index. */
  scaleDay(day: number): number;
}

export function curveTask(counts: readonly number[]): CurveTask {
  const n = counts.length;
  if (n < 2) throw new Error('curveTask: need at least two days');
  const countScale = Math.max(...counts);
  if (!(countScale > 0)) throw new Error('curveTask: every count is zero');
  const scaleDay = (day: number) => (2 * day) / (n - 1) - 1;
  return {
    n,
    x: tensor(counts.map((_, d) => scaleDay(d)), [n, 1]),
    y: tensor(counts.map((c) => c / countScale), [n, 1]),
    countScale,
    scaleDay
  };
}

const tasks = new WeakMap<readonly number[], CurveTask>();

/** curveTask, built once per series (the figures of sections 4–5 share it). */
export function taskOf(counts: readonly number[]): CurveTask {
  let task = tasks.get(counts);
  if (!task) tasks.set(counts, (task = curveTask(counts)));
  return task;
}

/** The lecture's task: all 154 days, 29 February to 31 July 2020. */
export const NYC_TASK: CurveTask = taskOf(NYC_CITYWIDE);

/** The same task restricted to one day (the loss is then that day's squared error). */
export function oneDay(task: CurveTask, day: number): CurveTask {
  if (!Number.isInteger(day) || day < 0 || day >= task.n) throw new Error(`oneDay: day ${day} is outside 0…${task.n - 1}`);
  return { ...task, x: tensor([task.x.data[day]], [1, 1]), y: tensor([task.y.data[day]], [1, 1]) };
}
