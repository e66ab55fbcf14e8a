/**
 * Figure 5c: backpropagation on a network small enough to draw every number. Two tanh units
 * between one input and one output, fitted to a single day of the New York data:
 *   h₁ = tanh(w₁·x + b₁),  h₂ = tanh(w₂·x + b₂),  ŷ = v₁·h₁ + v₂·h₂ + c,  L = (ŷ − y)²
 * Each operation is a separate op on the engine's tape (scalars), so `tape.inspect()` lists the
 * computation graph node by node, and the backward sweep is the engine's own.
 */
import { Rng, Tape, type TapeEntry, Tensor, add, mul, param, pow, sub, tanh } from '$lib/engine';

/** The seven knobs, in this order everywhere. */
export const TINY_KNOB_NAMES = ['w₁', 'b₁', 'w₂', 'b₂', 'v₁', 'v₂', 'c'] as const;

/** The seed figure 5c (and its prediction) opens on. */
export const TINY_FIRST_SEED = 1;

/** The day figure 5c opens on: day 37 (6 April 2020, New York's peak); on a reader's series, its peak day. */
export function tinyFirstDay(values: readonly number[], custom: boolean): number {
  return custom ? values.indexOf(Math.max(...values)) : 37;
}

/** Knobs drawn uniformly from [−1, 1) by a seeded generator. */
export function randomTinyKnobs(seed: number): number[] {
  const rng = new Rng(seed);
  return TINY_KNOB_NAMES.map(() => rng.uniform(-1, 1));
}

/** What one operation passes back along one edge during the backward sweep. */
export interface EdgeGradient {
  /** Entry id of the input the edge comes from. */
  from: number;
  /** Entry id of the operation's output. */
  to: number;
  /** ∂L/∂(from) contributed through this edge alone. */
  grad: number;
}

export interface TinyGraph {
  /** The recorded graph in forward order, with values and (after the sweep) gradients. */
  entries: TapeEntry[];
  /** Entry ids of the seven knobs, in TINY_KNOB_NAMES order. */
  knobIds: number[];
  /** Entry id of the loss. */
  lossId: number;
  loss: number;
  /** The backward sweep as the engine runs it: one group of edges per operation, last op first. */
  sweep: EdgeGradient[][];
}

function leaf(value: number, name: string): Tensor {
  return new Tensor(Float32Array.of(value), [], false, name);
}

function named(t: Tensor, name: string): Tensor {
  t.name = name;
  return t;
}

/** Records the forward pass on `tape`; returns the knob tensors and the loss. */
function forward(tape: Tape, knobs: readonly number[], x: number, y: number): { params: Tensor[]; loss: Tensor } {
  if (knobs.length !== TINY_KNOB_NAMES.length) throw new Error(`tiny network: ${knobs.length} knobs, need 7`);
  const params = TINY_KNOB_NAMES.map((name, i) => param([knobs[i]], [], name));
  const [w1, b1, w2, b2, v1, v2, c] = params;
  const xs = leaf(x, 'x');
  const h1 = named(tanh(tape, named(add(tape, named(mul(tape, w1, xs), 'w₁x'), b1), 'z₁')), 'h₁');
  const h2 = named(tanh(tape, named(add(tape, named(mul(tape, w2, xs), 'w₂x'), b2), 'z₂')), 'h₂');
  const sum = named(add(tape, named(mul(tape, v1, h1), 'v₁h₁'), named(mul(tape, v2, h2), 'v₂h₂')), 's');
  const yHat = named(add(tape, sum, c), 'ŷ');
  const gap = named(sub(tape, yHat, leaf(y, 'y')), 'ŷ − y');
  const loss = named(pow(tape, gap, leaf(2, '2')), 'L');
  return { params, loss };
}

/**
 * Runs forward and backward on the engine and reports the graph, plus what each operation
 * passed along each of its edges. The edge values come from replaying each node's own backward
 * closure alone, after the engine's sweep, with its inputs' gradients set aside: the closure adds
 * exactly its contribution, which is then put back. They sum to the engine's gradients.
 */
export function buildTinyGraph(knobs: readonly number[], x: number, y: number): TinyGraph {
  const tape = new Tape();
  const { params, loss } = forward(tape, knobs, x, y);
  tape.backward(loss);
  const { entries, idOf } = tape.inspect();
  const sweep: EdgeGradient[][] = [];
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    const trainable = [...new Set(node.inputs.filter((t) => t.requiresGrad))];
    const kept = trainable.map((t) => t.grad!.slice());
    for (const t of trainable) t.grad!.fill(0);
    node.backward();
    sweep.push(
      trainable.map((t) => ({ from: idOf.get(t)!, to: idOf.get(node.output)!, grad: t.grad![0] }))
    );
    trainable.forEach((t, k) => t.grad!.set(kept[k]));
  }
  return {
    entries,
    knobIds: params.map((p) => idOf.get(p)!),
    lossId: idOf.get(loss)!,
    loss: loss.item(),
    sweep
  };
}

/**
 * Recomputes the loss from the recorded graph alone, in double precision, with some leaves given
 * other values: a second, independent run of "the network" for the nudge check. (In the engine's
 * single precision, a nudge small enough to be accurate would drown in rounding error.)
 */
export function evaluateGraph64(entries: readonly TapeEntry[], overrides: ReadonlyMap<number, number> = new Map()): number[] {
  const v: number[] = [];
  for (const e of entries) {
    const [a, b] = e.inputs.map((i) => v[i]);
    switch (e.op) {
      case 'param':
      case 'input':
        v.push(overrides.get(e.id) ?? e.value[0]);
        break;
      case 'add':
        v.push(a + b);
        break;
      case 'sub':
        v.push(a - b);
        break;
      case 'mul':
        v.push(a * b);
        break;
      case 'pow':
        v.push(Math.pow(a, b));
        break;
      case 'tanh':
        v.push(Math.tanh(a));
        break;
      default:
        throw new Error(`evaluateGraph64: no double-precision rule for op "${e.op}"`);
    }
  }
  return v;
}

export interface NudgeCheck {
  name: string;
  /** ∂L/∂knob from the engine's backward sweep. */
  backprop: number;
  /** (L(k + h) − L(k − h)) / 2h, from two double-precision reruns of the recorded graph. */
  nudge: number;
  /** |backprop − nudge| / max(|backprop|, |nudge|, ERROR_FLOOR). */
  error: number;
}

/** The nudge: h = NUDGE · max(1, |k|). */
export const NUDGE = 1e-6;
/** Slopes smaller than this are compared in absolute terms, where single-precision rounding dominates. */
export const ERROR_FLOOR = 1e-4;

/** Nudges every knob both ways and compares the slope it measures with backpropagation's. */
export function nudgeCheck(graph: TinyGraph): NudgeCheck[] {
  const { entries, knobIds, lossId } = graph;
  return knobIds.map((id, i) => {
    const k = entries[id].value[0];
    const h = NUDGE * Math.max(1, Math.abs(k));
    const up = evaluateGraph64(entries, new Map([[id, k + h]]))[lossId];
    const down = evaluateGraph64(entries, new Map([[id, k - h]]))[lossId];
    const nudge = (up - down) / (2 * h);
    const backprop = entries[id].grad![0];
    const error = Math.abs(backprop - nudge) / Math.max(Math.abs(backprop), Math.abs(nudge), ERROR_FLOOR);
    return { name: TINY_KNOB_NAMES[i], backprop, nudge, error };
  });
}
