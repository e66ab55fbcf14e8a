/**
 * Dense (fully connected) layer, the building block of the lecture's MLPs and of attention's
 * projections: y = x · W + b with W of shape [in, out] and b of shape [out]. Works on any batch
 * shape [..., in] because matmul folds the leading axes into rows.
 */
import { type Fans, glorotUniform, heNormal } from './init';
import { linear } from './ops/matmul';
import type { Rng } from './random';
import type { Tape } from './tape';
import { type Tensor, param, zeros } from './tensor';

export interface LinearOptions {
  /** Weight initialiser: 'glorot' (uniform, for tanh/sigmoid; default) or 'he' (normal, for ReLU). */
  init?: 'glorot' | 'he';
  /** Prefix for the parameter names ("<name>.weight", "<name>.bias"), used when saving weights. */
  name?: string;
  /** Include a bias (default true). */
  bias?: boolean;
}

export class Linear {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(rng: Rng, inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    const name = options.name ?? 'linear';
    const shape = [inFeatures, outFeatures];
    const fans: Fans = { fanIn: inFeatures, fanOut: outFeatures };
    const w = options.init === 'he' ? heNormal(rng, shape, fans) : glorotUniform(rng, shape, fans);
    this.weight = param(w, `${name}.weight`);
    this.bias = options.bias === false ? null : param(zeros([outFeatures]), `${name}.bias`);
  }

  forward(tape: Tape, x: Tensor): Tensor {
    return linear(tape, x, this.weight, this.bias);
  }

  params(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }
}
