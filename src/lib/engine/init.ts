/**
 * Weight initialisers. Each takes the Rng explicitly, so the same seed gives the same network.
 *
 * Fan-in and fan-out follow the Keras convention for the engine's layouts: a dense weight is
 * [in, out] (the layer computes x · W); for more axes the last two are [in, out] and the leading
 * ones are the receptive field (e.g. [kh, kw, in, out]), which multiplies both fans. Layers with
 * another layout pass `fans` explicitly.
 */
import type { Rng } from './random';
import { type Shape, Tensor, sizeOf } from './tensor';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export function fansOf(shape: Shape): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  const receptive = sizeOf(shape.slice(0, -2));
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}

/** Uniform values in [lo, hi). */
export function uniform(rng: Rng, shape: Shape, lo = -0.05, hi = 0.05): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(lo, hi);
  return new Tensor(data, shape.slice());
}

/** Normal values with the given mean and standard deviation. */
export function normal(rng: Rng, shape: Shape, mean = 0, std = 0.05): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(mean, std);
  return new Tensor(data, shape.slice());
}

/** Glorot/Xavier uniform: U(±√(6 / (fanIn + fanOut))), keeps activation variance for tanh-like units. */
export function glorotUniform(rng: Rng, shape: Shape, fans: Fans = fansOf(shape)): Tensor {
  const limit = Math.sqrt(6 / (fans.fanIn + fans.fanOut));
  return uniform(rng, shape, -limit, limit);
}

/** Glorot/Xavier normal: N(0, 2 / (fanIn + fanOut)) (untruncated). */
export function glorotNormal(rng: Rng, shape: Shape, fans: Fans = fansOf(shape)): Tensor {
  return normal(rng, shape, 0, Math.sqrt(2 / (fans.fanIn + fans.fanOut)));
}

/** He/Kaiming normal: N(0, 2 / fanIn) (untruncated), for ReLU units. */
export function heNormal(rng: Rng, shape: Shape, fans: Fans = fansOf(shape)): Tensor {
  return normal(rng, shape, 0, Math.sqrt(2 / fans.fanIn));
}

/** He/Kaiming uniform: U(±√(6 / fanIn)). */
export function heUniform(rng: Rng, shape: Shape, fans: Fans = fansOf(shape)): Tensor {
  const limit = Math.sqrt(6 / fans.fanIn);
  return uniform(rng, shape, -limit, limit);
}
