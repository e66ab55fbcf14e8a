import { Rng } from '$lib/engine';
import { createCodeTransformer, parameters, type CodeTransformer, type CodeTransformerConfig } from '$lib/models/code/code-transformer';

/**
 * A small code transformer with every parameter moved off its initial value by normal noise of
 * `std`: at initialisation most weights are zero or near it, so gradients, attention patterns and
 * written text would be too bland to test anything on.
 */
export function shakenCodeModel(config: CodeTransformerConfig, seed: number, std = 0.3): CodeTransformer {
  const m = createCodeTransformer(config, seed);
  const rng = new Rng(seed + 100);
  for (const p of parameters(m)) for (let i = 0; i < p.size; i++) p.data[i] += rng.normal(0, std);
  return m;
}
