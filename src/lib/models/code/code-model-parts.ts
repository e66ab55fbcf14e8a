/**
 * The code transformer's parts, as figure 12b's "the model" level lists them: what each part is,
 * its shape and how many numbers it holds, from the configuration alone. The rows add up to the
 * model's parameter count (tests/unit/code/parts.test.ts checks them against parameterCount).
 */
import { BYTE_VOCAB, INPUT_SYMBOLS } from './code-bytes';
import type { CodeTransformerConfig } from './code-transformer';

export interface ModelPart {
  name: string;
  /** What the part does, in a few plain words. */
  does: string;
  /** How many times the part is repeated (once per layer, or once). */
  times: number;
  /** Numbers in one copy. */
  numbers: number;
}

export function modelParts(c: CodeTransformerConfig): ModelPart[] {
  const d = c.dModel, h = c.hidden;
  return [
    { name: 'Character table', does: `one row of ${d} numbers for each of the ${BYTE_VOCAB} byte values and the start-of-file mark`, times: 1, numbers: INPUT_SYMBOLS * d },
    { name: 'Position table', does: `one row for each of the ${c.context} places in its window`, times: 1, numbers: c.context * d },
    {
      name: 'Attention',
      does: `${c.heads} heads: three matrices make each place's query, key and value, a fourth mixes the heads back; ${2 * d} numbers rescale its input`,
      times: c.layers,
      numbers: 4 * d * d + 2 * d
    },
    { name: 'Small network', does: `${d} → ${h} → ${d}, applied at every place on its own; ${2 * d} numbers rescale its input`, times: c.layers, numbers: d * h + h + h * d + d + 2 * d },
    { name: 'Output', does: `a score for each of the ${BYTE_VOCAB} byte values that could come next; ${2 * d} numbers rescale its input`, times: 1, numbers: 2 * d + d * BYTE_VOCAB + BYTE_VOCAB }
  ];
}

export const partsTotal = (parts: readonly ModelPart[]): number => parts.reduce((n, p) => n + p.times * p.numbers, 0);
