/**
 * The gradient tape: reverse-mode automatic differentiation, written out.
 *
 * Every op takes the tape as its first argument, computes its output eagerly, and — when any input
 * requires a gradient — records one node: its name, its inputs, its output and a `backward`
 * closure that reads `output.grad` and ADDS its contribution into each input's `grad`.
 * `tape.backward(loss)` zeroes the gradients of everything on the tape, seeds ∂loss/∂loss = 1 and
 * runs the closures in reverse order of recording. Recording order is already a topological order
 * (an op can only consume tensors that exist), so no graph sort is needed.
 *
 * ## How to add an op (the whole recipe; see ops/activation.ts `relu` for a short example)
 *
 * ```ts
 * export function square(tape: Tape, x: Tensor): Tensor {
 *   const out = tape.output(x.shape);          // fresh (or reused) output; NOT zeroed: write every element
 *   const a = x.data, y = out.data;
 *   for (let i = 0; i < y.length; i++) y[i] = a[i] * a[i];
 *   tape.record('square', [x], out, () => {   // no-op unless some input requiresGrad
 *     const g = out.grad!;                      // set by backward before this closure runs
 *     if (x.requiresGrad) {
 *       const gx = x.grad!;                     // allocated and zeroed by backward: accumulate (+=)
 *       for (let i = 0; i < g.length; i++) gx[i] += 2 * a[i] * g[i];
 *     }
 *   });
 *   return out;
 * }
 * ```
 * Rules: (1) only write into `out.data` in the forward and only `+=` into `input.grad` in the
 * backward (an input can feed several ops, and their contributions add up); (2) check
 * `input.requiresGrad` before touching `input.grad` (it is null for constants); (3) capture what the
 * backward needs (input data, the output, a mask) in the closure — never recompute from
 * `tape` state; (4) an output that merely reinterprets an input's data (reshape) uses
 * `tape.view(input, shape)` instead of `tape.output`; (5) scratch state the backward needs (an
 * argmax, a dropout mask) can be allocated per call, or kept in a `tape.scratch(...)` slot so a
 * reused tape does not allocate it again.
 *
 * ## Reuse between steps
 * `tape.reset()` forgets the nodes. A tape made with `{ reuseBuffers: true }` also keeps the output
 * tensors it handed out and gives the same objects back, in the same order, to the next step when
 * the shapes match — so a training loop that runs the same graph every step allocates no tensor
 * memory after the first step (only small bookkeeping: node records, closures). The price: an output from the previous step is overwritten by the next
 * one, so copy (`t.clone()`) anything you want to keep across `reset()`.
 *
 * ## Inference without gradients
 * `new Tape({ record: false })` runs the same ops without recording anything.
 */
import { Tensor, shapesEqual, sizeOf, type Shape, type TapeNode } from './tensor';

export type { TapeNode };

/** One tensor of the recorded graph, as `Tape.inspect()` reports it (values copied). */
export interface TapeEntry {
  /** Stable within one inspect() call: leaves and op outputs share one numbering, in order of appearance. */
  id: number;
  /** 'param' for a leaf that requires a gradient, 'input' for a constant leaf, else the op's name. */
  op: string;
  /** Ids of the entries this one was computed from (empty for leaves). */
  inputs: number[];
  name: string | undefined;
  shape: number[];
  value: Float32Array;
  /** Gradient after the last backward sweep (null for constants and before any sweep). */
  grad: Float32Array | null;
}

export interface TapeOptions {
  /** Record nodes for a backward sweep (default true). False: inference only. */
  record?: boolean;
  /** Hand out the same output tensors again after `reset()` (default false; see the module doc). */
  reuseBuffers?: boolean;
}

export interface BackwardOptions {
  /** ∂L/∂loss: a number broadcast over the loss (default 1), or an array of loss.size values. */
  seed?: number | Float32Array;
  /** Add into the leaves' existing gradients instead of zeroing them first (default false). */
  accumulate?: boolean;
}

/** The array in `pool[slot]` if it has `length` elements, else a new one put there. */
function reused<A extends Float32Array | Int32Array>(pool: A[], slot: number, length: number, make: new (n: number) => A): A {
  const old = pool[slot];
  if (old !== undefined && old.length === length) return old;
  return (pool[slot] = new make(length));
}

export class Tape {
  readonly nodes: TapeNode[] = [];
  readonly recording: boolean;
  readonly reuseBuffers: boolean;
  /** Outputs handed out since the last reset, by call order (only with reuseBuffers). */
  private readonly pool: Tensor[] = [];
  private readonly poolIsView: boolean[] = [];
  private cursor = 0;
  private readonly scratchPool: Float32Array[] = [];
  private scratchCursor = 0;
  private readonly indexPool: Int32Array[] = [];
  private indexCursor = 0;

  constructor(options: TapeOptions = {}) {
    this.recording = options.record ?? true;
    this.reuseBuffers = options.reuseBuffers ?? false;
  }

  /**
   * A new output tensor of this shape. Its data is uninitialised (it may hold the previous step's
   * values when buffers are reused) unless `zero` is true.
   */
  output(shape: Shape, zero = false): Tensor {
    if (!this.reuseBuffers) return new Tensor(new Float32Array(sizeOf(shape)), shape.slice());
    const slot = this.cursor++;
    const old = this.pool[slot];
    if (old !== undefined && !this.poolIsView[slot] && shapesEqual(old.shape, shape)) {
      old.requiresGrad = false;
      old.creator = null;
      if (zero) old.data.fill(0);
      return old;
    }
    const t = new Tensor(new Float32Array(sizeOf(shape)), shape.slice());
    this.pool[slot] = t;
    this.poolIsView[slot] = false;
    return t;
  }

  /** An output that shares `source`'s data under another shape of the same size (no copy). */
  view(source: Tensor, shape: Shape): Tensor {
    if (!this.reuseBuffers) return new Tensor(source.data, shape.slice());
    const slot = this.cursor++;
    const old = this.pool[slot];
    if (old !== undefined && old.data === source.data && shapesEqual(old.shape, shape)) {
      old.requiresGrad = false;
      old.creator = null;
      return old;
    }
    const t = new Tensor(source.data, shape.slice());
    this.pool[slot] = t;
    this.poolIsView[slot] = true;
    return t;
  }

  /**
   * A scratch array of `length` floats for an op's private state (masks, argmax positions). Reused
   * across steps like outputs when `reuseBuffers` is on; contents are uninitialised.
   */
  scratch(length: number): Float32Array {
    return this.reuseBuffers ? reused(this.scratchPool, this.scratchCursor++, length, Float32Array) : new Float32Array(length);
  }

  /**
   * A scratch array of `length` integers (where each maximum came from, for max and max pooling),
   * reused across steps like `scratch` when `reuseBuffers` is on; contents are uninitialised.
   */
  scratchIndices(length: number): Int32Array {
    return this.reuseBuffers ? reused(this.indexPool, this.indexCursor++, length, Int32Array) : new Int32Array(length);
  }

  /**
   * Records an op. Does nothing when the tape is not recording or no input requires a gradient
   * (the output is then a constant). Otherwise the output gets `requiresGrad` and a creator node.
   */
  record(op: string, inputs: readonly Tensor[], output: Tensor, backward: () => void): void {
    if (!this.recording) return;
    let needed = false;
    for (const x of inputs) if (x.requiresGrad) needed = true;
    if (!needed) return;
    const node: TapeNode = { index: this.nodes.length, op, inputs, output, backward };
    output.requiresGrad = true;
    output.creator = node;
    this.nodes.push(node);
  }

  /**
   * The backward sweep: fills `.grad` of every tensor on the tape that requires a gradient with
   * ∂loss/∂tensor. Leaves' gradients are zeroed first unless `accumulate` is set; intermediate
   * gradients always are.
   */
  backward(loss: Tensor, options: BackwardOptions = {}): void {
    const node = loss.creator;
    if (node === null || this.nodes[node.index] !== node) {
      throw new Error('backward: the loss was not computed on this tape (or nothing it depends on requires a gradient)');
    }
    const last = node.index;
    for (let i = 0; i <= last; i++) {
      const n = this.nodes[i];
      n.output.zeroGrad();
      for (const x of n.inputs) {
        if (!x.requiresGrad || x.creator !== null) continue;
        if (options.accumulate && x.grad !== null && x.grad.length === x.size) continue;
        x.zeroGrad();
      }
    }
    const seed = options.seed ?? 1;
    const g = loss.grad!;
    if (typeof seed === 'number') g.fill(seed);
    else {
      if (seed.length !== g.length) throw new Error(`backward: seed has ${seed.length} values, loss has ${g.length}`);
      g.set(seed);
    }
    for (let i = last; i >= 0; i--) this.nodes[i].backward();
  }

  /** Forgets the recorded nodes (and, with reuseBuffers, rewinds the output pool for the next step). */
  reset(): void {
    this.nodes.length = 0;
    this.cursor = 0;
    this.scratchCursor = 0;
    this.indexCursor = 0;
  }

  /** The trainable leaves the recorded graph reads, in order of first use. */
  params(): Tensor[] {
    const seen = new Set<Tensor>();
    for (const n of this.nodes) {
      for (const x of n.inputs) if (x.requiresGrad && x.creator === null) seen.add(x);
    }
    return [...seen];
  }

  /**
   * A snapshot of the recorded graph for drawing: every leaf and every op output, with ids,
   * the ids of their inputs, and copies of their values and gradients. Leaves appear just before
   * the first node that reads them, so the list is in forward (topological) order. `idOf` gives the
   * id each tensor received, so a caller can name the graph's edges by its own tensors.
   */
  inspect(): { entries: TapeEntry[]; idOf: ReadonlyMap<Tensor, number> } {
    const ids = new Map<Tensor, number>();
    const entries: TapeEntry[] = [];
    const add = (t: Tensor, op: string, inputs: number[]): number => {
      const id = entries.length;
      ids.set(t, id);
      entries.push({
        id,
        op,
        inputs,
        name: t.name,
        shape: t.shape.slice(),
        value: t.data.slice(),
        grad: t.grad && t.requiresGrad ? t.grad.slice() : null
      });
      return id;
    };
    for (const n of this.nodes) {
      const inputIds = n.inputs.map((x) => ids.get(x) ?? add(x, x.requiresGrad ? 'param' : 'input', []));
      add(n.output, n.op, inputIds);
    }
    return { entries, idOf: ids };
  }
}
