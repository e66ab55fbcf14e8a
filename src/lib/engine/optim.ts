/**
 * Optimisers: they read each parameter's `grad` (filled by `Tape.backward`) and update its `data`
 * in place. Parameters whose gradient was never computed (grad === null) are left alone.
 * `Tape.backward` zeroes the gradients of the parameters its graph reads; a parameter that a step
 * does not use keeps its old gradient, so call `clearGrads()` before a step that may skip some.
 *
 *   SGD            p −= lr · g                         (momentum μ > 0: v = μ·v + g, p −= lr · v)
 *   Adam           m = β₁m + (1−β₁)g,  v = β₂v + (1−β₂)g²,
 *                  p −= lr · m̂ / (√v̂ + ε)   with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), t = 1, 2, …
 *   AdamW          p −= lr · λ · p first (decoupled weight decay), then the Adam step
 *
 * The learning rate is a number or a schedule of the step index. `state()` returns a plain object
 * (JSON-safe numbers) with the step count and every moment buffer; `loadState()` restores it into
 * an optimiser built over parameters of the same shapes.
 */
import type { Schedule } from './schedule';
import type { Tensor } from './tensor';

export type LearningRate = number | Schedule;

export interface OptimizerState {
  kind: string;
  /** Updates taken so far. */
  step: number;
  /** Per-parameter buffers by name (e.g. m, v, velocity), each a list in `params` order. */
  buffers: Record<string, number[][]>;
}

export abstract class Optimizer {
  readonly params: readonly Tensor[];
  lr: LearningRate;
  /** Number of updates taken so far (during an update: t of the bias corrections, from 1). */
  stepCount = 0;
  protected abstract readonly kind: string;
  /** Named per-parameter buffers, saved and restored by state()/loadState(). */
  protected readonly buffers: Record<string, Float32Array[]> = {};

  constructor(params: readonly Tensor[], lr: LearningRate) {
    this.params = params;
    this.lr = lr;
  }

  /** The learning rate the next update will use. */
  currentLr(): number {
    return typeof this.lr === 'number' ? this.lr : this.lr(this.stepCount);
  }

  /** Applies one update from the parameters' current gradients. */
  step(): void {
    const lr = this.currentLr();
    this.stepCount++;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      if (p.grad !== null) this.apply(i, p.data, p.grad, lr);
    }
  }

  protected abstract apply(index: number, p: Float32Array, g: Float32Array, lr: number): void;

  /** Forgets every parameter's gradient (sets it to null), so the next update skips any parameter
   * the next backward sweep does not reach. */
  clearGrads(): void {
    for (const p of this.params) p.grad = null;
  }

  protected buffer(name: string): Float32Array[] {
    return (this.buffers[name] ??= this.params.map((p) => new Float32Array(p.size)));
  }

  state(): OptimizerState {
    const buffers: Record<string, number[][]> = {};
    for (const [name, list] of Object.entries(this.buffers)) buffers[name] = list.map((b) => Array.from(b));
    return { kind: this.kind, step: this.stepCount, buffers };
  }

  loadState(state: OptimizerState): void {
    if (state.kind !== this.kind) throw new Error(`loadState: state is for ${state.kind}, optimiser is ${this.kind}`);
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`loadState: bad step ${state.step}`);
    for (const [name, list] of Object.entries(state.buffers)) {
      if (list.length !== this.params.length || list.some((b, i) => b.length !== this.params[i].size)) {
        throw new Error(`loadState: buffer ${name} does not match the parameters' sizes`);
      }
    }
    for (const [name, list] of Object.entries(state.buffers)) this.buffers[name] = list.map((b) => Float32Array.from(b));
    this.stepCount = state.step;
  }
}

export interface SGDOptions {
  lr: LearningRate;
  /** Heavy-ball momentum μ (default 0: plain gradient descent). */
  momentum?: number;
}

export class SGD extends Optimizer {
  protected readonly kind = 'sgd';
  readonly momentum: number;

  constructor(params: readonly Tensor[], { lr, momentum = 0 }: SGDOptions) {
    super(params, lr);
    this.momentum = momentum;
  }

  protected apply(i: number, p: Float32Array, g: Float32Array, lr: number): void {
    if (this.momentum === 0) {
      for (let j = 0; j < p.length; j++) p[j] -= lr * g[j];
      return;
    }
    const v = this.buffer('velocity')[i], mu = this.momentum;
    for (let j = 0; j < p.length; j++) {
      v[j] = mu * v[j] + g[j];
      p[j] -= lr * v[j];
    }
  }
}

export interface AdamOptions {
  lr?: LearningRate;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export class Adam extends Optimizer {
  protected readonly kind: string = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Decoupled weight decay λ; 0 for Adam (AdamW sets it). */
  protected weightDecay = 0;

  constructor(params: readonly Tensor[], { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamOptions = {}) {
    super(params, lr);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  protected apply(i: number, p: Float32Array, g: Float32Array, lr: number): void {
    const m = this.buffer('m')[i], v = this.buffer('v')[i];
    const b1 = this.beta1, b2 = this.beta2, eps = this.eps;
    // stepCount was already incremented: it is t for the bias corrections.
    const c1 = 1 / (1 - Math.pow(b1, this.stepCount));
    const c2 = 1 / (1 - Math.pow(b2, this.stepCount));
    const decay = 1 - lr * this.weightDecay;
    for (let j = 0; j < p.length; j++) {
      const gj = g[j];
      const mj = (m[j] = b1 * m[j] + (1 - b1) * gj);
      const vj = (v[j] = b2 * v[j] + (1 - b2) * gj * gj);
      p[j] = p[j] * decay - (lr * mj * c1) / (Math.sqrt(vj * c2) + eps);
    }
  }
}

export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay λ (default 0.01): each update first shrinks p by lr·λ·p. */
  weightDecay?: number;
}

export class AdamW extends Adam {
  protected readonly kind: string = 'adamw';

  constructor(params: readonly Tensor[], options: AdamWOptions = {}) {
    super(params, options);
    this.weightDecay = options.weightDecay ?? 0.01;
  }
}

/**
 * Scales all gradients together so their global L2 norm is at most maxNorm; returns the norm
 * before clipping (Infinity or NaN pass through unchanged, for the caller to report).
 */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  let sq = 0;
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    for (let j = 0; j < g.length; j++) sq += g[j] * g[j];
  }
  const norm = Math.sqrt(sq);
  if (norm > maxNorm && Number.isFinite(norm)) {
    const s = maxNorm / norm;
    for (const p of params) {
      const g = p.grad;
      if (g !== null) for (let j = 0; j < g.length; j++) g[j] *= s;
    }
  }
  return norm;
}
