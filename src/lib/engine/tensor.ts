/**
 * The engine's one data type: a dense float32 array with a shape, stored contiguous and row-major
 * (the last axis varies fastest). No strides: every op writes a fresh contiguous output, which
 * keeps each op's loops simple and its memory access sequential.
 *
 * A tensor that `requiresGrad` takes part in the backward sweep: `Tape.backward` fills its `grad`
 * (same length and layout as `data`). Parameters are leaves made with `param()`; outputs of ops on
 * a recording tape get `requiresGrad` when any of their inputs has it.
 */

export type Shape = readonly number[];

/** One recorded operation: the tape's record of how a tensor was made (it lives here so that a tensor can name its creator without tensor.ts importing the tape). */
export interface TapeNode {
  /** Position on the tape, in recording order. */
  readonly index: number;
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  /** Reads `output.grad` and adds into `inputs[i].grad` for inputs that require a gradient. */
  readonly backward: () => void;
}

export class Tensor {
  readonly data: Float32Array;
  readonly shape: Shape;
  readonly size: number;
  /** ∂loss/∂data after `Tape.backward`; null until a backward sweep has reached this tensor. */
  grad: Float32Array | null = null;
  requiresGrad: boolean;
  /** The tape node that produced this tensor, or null for leaves (inputs and parameters). */
  creator: TapeNode | null = null;
  /** Optional label, shown by `Tape.inspect` and used as the key when saving weights. */
  name: string | undefined;

  constructor(data: Float32Array, shape: Shape, requiresGrad = false, name?: string) {
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new Error(`Tensor: data has ${data.length} values but shape [${shape}] needs ${size}`);
    }
    this.data = data;
    this.shape = shape;
    this.size = size;
    this.requiresGrad = requiresGrad;
    this.name = name;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor (a loss, say). */
  item(): number {
    if (this.size !== 1) throw new Error(`item(): tensor has ${this.size} values, not 1`);
    return this.data[0];
  }

  /** The value at a multi-index (negative indices count from the end). Slow; for tests and readouts. */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new Error(`get: ${index.length} indices for a ${this.shape.length}-d tensor`);
    }
    let flat = 0;
    for (let d = 0; d < index.length; d++) {
      const n = this.shape[d];
      const i = index[d] < 0 ? index[d] + n : index[d];
      if (i < 0 || i >= n) throw new Error(`get: index ${index[d]} out of range for axis ${d} (size ${n})`);
      flat = flat * n + i;
    }
    return this.data[flat];
  }

  /** A detached copy: same values, no gradient, not on any tape. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape.slice(), false, this.name);
  }

  /** Sets the gradient to zero (allocating it if needed). */
  zeroGrad(): void {
    if (this.grad === null || this.grad.length !== this.size) this.grad = new Float32Array(this.size);
    else this.grad.fill(0);
  }
}

/** Number of elements of a shape; validates that every dimension is a non-negative integer. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`invalid shape [${shape}]`);
    n *= d;
  }
  return n;
}

/** Row-major strides of a shape, in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolves a possibly negative axis against a rank, throwing if it is out of range. */
export function normAxis(axis: number, ndim: number): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(a) || a < 0 || a >= ndim) {
    throw new Error(`axis ${axis} out of range for a ${ndim}-d tensor`);
  }
  return a;
}

/** A constant tensor from values (copied) and a shape (default: 1-d). */
export function tensor(values: ArrayLike<number>, shape?: Shape): Tensor {
  const data = Float32Array.from(values as ArrayLike<number>);
  return new Tensor(data, shape ? shape.slice() : [data.length]);
}

export function scalar(value: number): Tensor {
  return new Tensor(Float32Array.of(value), []);
}

export function zeros(shape: Shape): Tensor {
  return new Tensor(new Float32Array(sizeOf(shape)), shape.slice());
}

export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

export function full(shape: Shape, value: number): Tensor {
  return new Tensor(new Float32Array(sizeOf(shape)).fill(value), shape.slice());
}

/**
 * A trainable leaf: `requiresGrad` is set, so `Tape.backward` fills its `grad` and optimisers
 * update its `data` in place. Takes an existing tensor (its data is shared, not copied) or values.
 */
export function param(source: Tensor | ArrayLike<number>, shapeOrName?: Shape | string, name?: string): Tensor {
  if (source instanceof Tensor) {
    const label = typeof shapeOrName === 'string' ? shapeOrName : name ?? source.name;
    return new Tensor(source.data, source.shape, true, label);
  }
  const shape = typeof shapeOrName === 'string' || shapeOrName === undefined ? [source.length] : shapeOrName;
  const label = typeof shapeOrName === 'string' ? shapeOrName : name;
  return new Tensor(Float32Array.from(source), shape.slice(), true, label);
}
