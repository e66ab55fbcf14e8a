import { describe, expect, it } from 'vitest';
import { modelParts, partsTotal } from '$lib/models/code/code-model-parts';
import { CODE_MODEL_CONFIG, createCodeTransformer, parameterCount } from '$lib/models/code/code-transformer';

describe("figure 12b's list of the model's parts", () => {
  it('adds up to the parameter count of the model as built, at the shipped size and another', () => {
    for (const config of [CODE_MODEL_CONFIG, { context: 16, dModel: 12, heads: 3, layers: 2, hidden: 20 }]) {
      expect(partsTotal(modelParts(config))).toBe(parameterCount(createCodeTransformer(config, 1)));
    }
  });
});
