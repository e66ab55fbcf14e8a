/**
 * Every op's forward against a float64 reference and its gradient against central finite
 * differences of that reference (see support/check.ts for the method and tolerances), on random
 * shapes, axes and values from fast-check.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_FD, checkFiniteDifferences } from './support/check';
import { OP_SPECS } from './support/op-cases';

const RUNS = 60;

describe('ops: gradients against float64 finite differences', () => {
  for (const spec of OP_SPECS) {
    it(spec.name, () => {
      const tol = { ...DEFAULT_FD, ...spec.tolFd };
      fc.assert(
        fc.property(spec.cases, fc.integer({ min: 0, max: 1e9 }), (c, seed) => checkFiniteDifferences(c, seed, tol)),
        { numRuns: RUNS, seed: 20261128 }
      );
    });
  }
});
