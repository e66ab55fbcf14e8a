/**
 * The three ways of stepping downhill that figures 5b and 5d compare, all the engine's own
 * optimisers (src/lib/engine/optim.ts):
 *   gradient descent   w ← w − η·g
 *   momentum           v ← μ·v + g,  w ← w − η·v        (heavy ball, μ = 0.9)
 *   Adam               Kingma & Ba (2015), β₁ = 0.9, β₂ = 0.999, ε = 1e-8
 */
import { Adam, type Optimizer, SGD, type Tensor } from '$lib/engine';

export type OptimizerKind = 'gd' | 'momentum' | 'adam';

export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['gd', 'momentum', 'adam'];

export const OPTIMIZER_NAMES: Record<OptimizerKind, string> = {
  gd: 'Gradient descent',
  momentum: 'Momentum',
  adam: 'Adam'
};

/** Heavy-ball momentum coefficient μ. */
export const MOMENTUM = 0.9;

export function makeOptimizer(kind: OptimizerKind, params: readonly Tensor[], lr: number): Optimizer {
  if (kind === 'adam') return new Adam(params, { lr });
  return new SGD(params, { lr, momentum: kind === 'momentum' ? MOMENTUM : 0 });
}
