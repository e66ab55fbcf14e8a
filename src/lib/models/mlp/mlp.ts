/**
 * The network of sections 4 and 5: one number in, two hidden layers of tanh units, one number out,
 *   h₁ = tanh(x·W₁ + b₁),   h₂ = tanh(h₁·W₂ + b₂),   f(x) = h₂·W₃ + b₃,
 * built from the engine's Linear layers (Glorot-uniform weights, zero biases, as Keras does).
 *
 * Every weight and bias is a "knob". The knobs have one flat order, used by the figures, the
 * interpolation of figure 4b and the saved files: layer by layer, each layer's weight matrix
 * row by row (W[i][j] joins unit i of the layer below to unit j of the layer above), then its biases.
 */
import { Linear, Rng, Tape, type Tensor, mse, tanh } from '$lib/engine';
import type { CurveTask } from './nyc-curve-task';

export interface KnobInfo {
  /** Position in the flat knob order. */
  index: number;
  /** 0: input → hidden 1, 1: hidden 1 → hidden 2, 2: hidden 2 → output. */
  layer: number;
  kind: 'weight' | 'bias';
  /** Unit of the layer below (weights only; 0 is the input for layer 0). */
  from: number;
  /** Unit of the layer above that this knob feeds. */
  to: number;
  /** Short symbol, e.g. "W₂[3,5]" or "b₁[2]" (1-based layer, 0-based units as in the arrays). */
  symbol: string;
}

const SUB = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

export class Mlp {
  readonly width: number;
  readonly layers: Linear[];
  private readonly inference = new Tape({ record: false });

  /** A freshly initialised network; the same seed and width give the same knobs. */
  constructor(width: number, seed: number) {
    if (!Number.isInteger(width) || width < 1) throw new Error(`Mlp: width must be a positive integer, got ${width}`);
    this.width = width;
    const rng = new Rng(seed);
    this.layers = [
      new Linear(rng, 1, width, { name: 'l1' }),
      new Linear(rng, width, width, { name: 'l2' }),
      new Linear(rng, width, 1, { name: 'l3' })
    ];
  }

  /** The network's output for inputs of shape [n, 1], recorded on `tape`. */
  forward(tape: Tape, x: Tensor): Tensor {
    const [l1, l2, l3] = this.layers;
    return l3.forward(tape, tanh(tape, l2.forward(tape, tanh(tape, l1.forward(tape, x)))));
  }

  /** The parameter tensors in knob order (W₁, b₁, W₂, b₂, W₃, b₃). */
  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.params());
  }

  get knobCount(): number {
    return this.parameters().reduce((s, p) => s + p.size, 0);
  }

  /** A copy of every knob, in knob order. */
  getKnobs(): Float32Array {
    const out = new Float32Array(this.knobCount);
    let o = 0;
    for (const p of this.parameters()) {
      out.set(p.data, o);
      o += p.size;
    }
    return out;
  }

  /** Sets every knob from a flat array in knob order. */
  setKnobs(values: ArrayLike<number>): void {
    if (values.length !== this.knobCount) throw new Error(`setKnobs: ${values.length} values for ${this.knobCount} knobs`);
    let o = 0;
    for (const p of this.parameters()) {
      for (let i = 0; i < p.size; i++) p.data[i] = values[o + i];
      o += p.size;
    }
  }

  /** Sets one knob. */
  setKnob(index: number, value: number): void {
    const [p, i] = this.locate(index);
    p.data[i] = value;
  }

  getKnob(index: number): number {
    const [p, i] = this.locate(index);
    return p.data[i];
  }

  /** The parameter tensor holding a knob and the knob's offset in it. */
  locate(index: number): [Tensor, number] {
    let o = index;
    for (const p of this.parameters()) {
      if (o < p.size) return [p, o];
      o -= p.size;
    }
    throw new Error(`knob ${index} out of range (0…${this.knobCount - 1})`);
  }

  /** What each knob is, in knob order. */
  knobInfo(): KnobInfo[] {
    const info: KnobInfo[] = [];
    this.layers.forEach((layer, l) => {
      const [fanIn, fanOut] = layer.weight.shape;
      for (let i = 0; i < fanIn; i++) {
        for (let j = 0; j < fanOut; j++) {
          info.push({ index: info.length, layer: l, kind: 'weight', from: i, to: j, symbol: `W${SUB[l + 1]}[${i},${j}]` });
        }
      }
      for (let j = 0; j < fanOut; j++) {
        info.push({ index: info.length, layer: l, kind: 'bias', from: -1, to: j, symbol: `b${SUB[l + 1]}[${j}]` });
      }
    });
    return info;
  }

  /** Outputs at scaled inputs (no gradient recorded). */
  predict(x: Tensor): Float32Array {
    this.inference.reset();
    return this.forward(this.inference, x).data.slice();
  }

  /** Mean squared error on the task, in scaled units (no gradient recorded). */
  loss(task: CurveTask): number {
    this.inference.reset();
    return mse(this.inference, this.forward(this.inference, task.x), task.y).item();
  }

  /**
   * Loss and its gradient with respect to every knob (flat, knob order), by one backward sweep
   * on the engine's tape.
   */
  lossAndGradient(task: CurveTask, tape = new Tape()): { loss: number; gradient: Float32Array } {
    tape.reset();
    const loss = mse(tape, this.forward(tape, task.x), task.y);
    tape.backward(loss);
    const gradient = new Float32Array(this.knobCount);
    let o = 0;
    for (const p of this.parameters()) {
      gradient.set(p.grad!, o);
      o += p.size;
    }
    return { loss: loss.item(), gradient };
  }
}
