/**
 * Every op's forward values and gradients against TensorFlow.js 4.22 on its cpu backend (the
 * oracle), on the same random inputs. Tolerances (support/check.ts): forward 1e-5 relative +
 * 1e-5 absolute, gradients 1e-4 relative + 1e-5 absolute, unless an entry states otherwise.
 */
import { beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_TF, checkTf } from './support/check';
import { OP_SPECS } from './support/op-cases';

const RUNS = 40;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('ops: forward and gradients against TensorFlow.js (cpu)', () => {
  for (const spec of OP_SPECS) {
    it(spec.name, () => {
      const tol = { ...DEFAULT_TF, ...spec.tolTf };
      fc.assert(
        fc.property(spec.cases, fc.integer({ min: 0, max: 1e9 }), (c, seed) => {
          if (c.tfSkip) return;
          checkTf(c, seed, tol, !spec.tfNoGrad);
        }),
        { numRuns: RUNS, seed: 20261128 }
      );
    });
  }
});
