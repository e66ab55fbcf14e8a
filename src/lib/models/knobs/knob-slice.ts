/**
 * A slice through the network's knob space: a few chosen knobs are free, every other knob stays
 * where it is (the trained values, in sections 4 and 5). Figures 5a (one knob) and 5b (two knobs)
 * draw the loss over such a slice and walk across it.
 */
import { Tape } from '$lib/engine';
import type { Mlp } from '../mlp/mlp';
import type { CurveTask } from '../mlp/nyc-curve-task';

export class KnobSlice {
  private readonly tape = new Tape({ reuseBuffers: true });

  constructor(
    readonly net: Mlp,
    readonly task: CurveTask,
    readonly knobs: readonly number[]
  ) {
    if (new Set(knobs).size !== knobs.length) throw new Error('KnobSlice: the free knobs must differ');
    for (const k of knobs) net.locate(k); // throws on an index out of range
  }

  /** Where the free knobs stand in the network now. */
  origin(): number[] {
    return this.knobs.map((k) => this.net.getKnob(k));
  }

  /** Runs `fn` with the free knobs set to `values`, then puts them back. */
  private at<T>(values: readonly number[], fn: () => T): T {
    if (values.length !== this.knobs.length) throw new Error(`KnobSlice: ${values.length} values for ${this.knobs.length} knobs`);
    const before = this.origin();
    this.knobs.forEach((k, i) => this.net.setKnob(k, values[i]));
    try {
      return fn();
    } finally {
      this.knobs.forEach((k, i) => this.net.setKnob(k, before[i]));
    }
  }

  /** The loss with the free knobs at `values`. */
  lossAt(values: readonly number[]): number {
    return this.at(values, () => this.net.loss(this.task));
  }

  /** The loss and its partial derivatives along the free knobs, from one backward sweep. */
  gradientAt(values: readonly number[]): { loss: number; gradient: number[] } {
    return this.at(values, () => {
      const { loss, gradient } = this.net.lossAndGradient(this.task, this.tape);
      return { loss, gradient: this.knobs.map((k) => gradient[k]) };
    });
  }
}
