/**
 * Figure 5a: gradient descent on one knob, w ← w − η · ∂L/∂w, with every other knob fixed at its
 * trained value. The slope at each point comes from the engine's backward sweep.
 *
 * The run also says what it is doing, from its last few steps:
 *   diverged     the loss rose on each of the last three steps, or a step threw the ball off the
 *                chart (the range of the knob the figure draws), or a number stopped being finite;
 *                the run then stops for good, so nothing past that point is computed or shown
 *   oscillating  the last two steps went in opposite directions (the ball overshoots the bottom)
 *   converging   otherwise: the ball keeps moving the same way, downhill, or has come to rest
 *                (steps below a millionth of the chart's width, where rounding decides the sign)
 * For a knob on which the loss is an exact parabola L(w) = L* + (L''/2)(w − w*)² (the output bias,
 * where L'' = 2), each step multiplies the distance to the bottom by (1 − η·L''): the walk creeps
 * one way for η < 1/L'', swings from side to side for 1/L'' < η < 2/L'', and runs away for η > 2/L''.
 */
import type { KnobSlice } from '../knobs/knob-slice';

export type BallStatus = 'ready' | 'converging' | 'oscillating' | 'diverged';

export interface BallPoint {
  w: number;
  loss: number;
  /** ∂L/∂w at w. */
  slope: number;
}

/** Steps of rising loss in a row that count as running away. */
const RISES_TO_DIVERGE = 3;
/** Steps shorter than this fraction of the chart's width count as standing still. */
const AT_REST = 1e-6;

export class BallRun {
  readonly history: BallPoint[] = [];
  status: BallStatus = 'ready';
  /** Why a diverged run stopped, for the reader. */
  reason = '';

  constructor(
    private readonly line: KnobSlice,
    start: number,
    public lr: number,
    /** The knob range the figure draws. */
    readonly chart: readonly [number, number]
  ) {
    if (line.knobs.length !== 1) throw new Error('BallRun: the slice must have one free knob');
    if (!Number.isFinite(start)) throw new Error('BallRun: the start must be a finite number');
    this.history.push(this.measure(start)!);
  }

  /** The point at w, rounded to the float32 the knob can hold (so the drawn w is the one used). */
  private measure(value: number): BallPoint | null {
    const w = Math.fround(value);
    if (!Number.isFinite(w)) return null;
    const { loss, gradient } = this.line.gradientAt([w]);
    if (!Number.isFinite(loss) || !Number.isFinite(gradient[0])) return null;
    return { w, loss, slope: gradient[0] };
  }

  get current(): BallPoint {
    return this.history[this.history.length - 1];
  }

  get steps(): number {
    return this.history.length - 1;
  }

  /** Where the next step would land: w − η · ∂L/∂w. */
  nextW(): number {
    return this.current.w - this.lr * this.current.slope;
  }

  /** One step downhill; false (and the status "diverged") when the run has stopped. */
  step(): boolean {
    if (this.status === 'diverged') return false;
    const w = this.nextW();
    const [lo, hi] = this.chart;
    if (!(w >= lo && w <= hi)) {
      const where = Number.isFinite(w) && Math.abs(w) < 1e6 ? ` to w = ${w.toFixed(2)}` : '';
      this.stop(`The step would throw the ball off the chart${where}: η is far too large for this slope.`);
      return false;
    }
    const p = this.measure(w);
    if (p === null) {
      this.stop('The loss stopped being a finite number: η is far too large.');
      return false;
    }
    this.history.push(p);
    this.status = classify(this.history, AT_REST * (hi - lo));
    if (this.status === 'diverged') this.reason = 'Each step has landed higher than the one before: the descent has become an ascent.';
    return this.status !== 'diverged';
  }

  private stop(reason: string) {
    this.status = 'diverged';
    this.reason = reason;
  }
}

/** The status a run's recent history shows (see the module comment). */
export function classify(history: readonly BallPoint[], atRest = 0): BallStatus {
  const n = history.length;
  if (n < 2) return 'ready';
  if (n > RISES_TO_DIVERGE) {
    let rising = true;
    for (let i = n - RISES_TO_DIVERGE; i < n; i++) if (!(history[i].loss > history[i - 1].loss)) rising = false;
    if (rising) return 'diverged';
  }
  if (n >= 3) {
    const d1 = history[n - 1].w - history[n - 2].w;
    const d0 = history[n - 2].w - history[n - 3].w;
    if (d1 * d0 < 0 && Math.abs(d1) > atRest) return 'oscillating';
  }
  return 'converging';
}
