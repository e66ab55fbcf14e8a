/**
 * The benchmark's three implementations of each workload (src/lib/models/bench) compute the same
 * model: at the shared starting weights the engine, TF.js (cpu backend, forward only) and jax-js
 * (wasm backend, under jit) give the same loss; and a few Adam steps of jax-js's hand-written,
 * jitted update land where the engine's Adam does. The /bench page refuses to time sides that
 * disagree, with a message naming the library (startMismatch).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { engineTrainer } from '$lib/models/bench/engine';
import { jaxSetup, jaxTrainer } from '$lib/models/bench/jax';
import { tfjsTrainer } from '$lib/models/bench/tfjs';
import { sameLoss, startMismatch } from '$lib/models/bench/measure';
import type { WorkloadName } from '$lib/models/bench/workloads';

const WORKLOADS: WorkloadName[] = ['mlp', 'attention', 'cnn'];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await jaxSetup();
});

describe('the benchmark workloads', () => {
  for (const w of WORKLOADS) {
    it(`${w}: the engine, TF.js and jax-js start from the same loss`, async () => {
      const engine = engineTrainer(w), ref = tfjsTrainer(w, 'cpu'), jax = jaxTrainer(w);
      const [e, t, j] = [await engine.loss(), await ref.loss(), await jax.loss()];
      ref.dispose();
      jax.dispose();
      expect(e).toBeGreaterThan(0);
      expect(Math.abs(e - t), `engine ${e}, TF.js ${t}`).toBeLessThan(1e-4);
      expect(Math.abs(e - j), `engine ${e}, jax-js ${j}`).toBeLessThan(1e-4);
    }, 120_000);
  }

  for (const w of ['mlp', 'attention'] as const) {
    it(`${w}: five Adam steps of jax-js's jitted update match the engine's`, async () => {
      const engine = engineTrainer(w), jax = jaxTrainer(w);
      const start = await engine.loss();
      for (let i = 0; i < 5; i++) {
        engine.step();
        jax.step();
      }
      await jax.sync();
      const [e, j] = [await engine.loss(), await jax.loss()];
      jax.dispose();
      expect(start - e).toBeGreaterThan(1e-3); // it trained
      expect(Math.abs(e - j), `engine ${e}, jax-js ${j}`).toBeLessThan(1e-5);
    }, 120_000);
  }
});

describe('startMismatch', () => {
  it('lets equal losses through and names the library that differs', () => {
    expect(startMismatch('mlp', [{ name: 'the engine', loss: 0.1015 }, { name: 'TF.js', loss: 0.101502 }])).toBeNull();
    const why = startMismatch('cnn', [{ name: 'the engine', loss: 0.6942 }, { name: 'TF.js', loss: 0.6942 }, { name: 'jax-js', loss: 0.7 }]);
    expect(why).toMatch(/^cnn: jax-js computes a loss of 0\.7 .*the engine 0\.6942.*not compared/);
    expect(sameLoss(1000, 1000.05)).toBe(true);
    expect(sameLoss(1000, 1000.2)).toBe(false);
  });
});
