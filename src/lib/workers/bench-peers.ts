/**
 * The /bench page's peers, started inside its worker, loaded only when the reader asks to compare
 * (bench.worker.ts imports this file dynamically, so neither library is in any other chunk).
 *
 * TF.js 4.22 on its wasm backend: its three .wasm builds (plain, SIMD, SIMD + threads) are files of
 * this site, bundled by Vite as assets, never fetched from a CDN; TF.js picks the threaded SIMD
 * build itself where the page is cross-origin isolated (SharedArrayBuffer), with one thread per
 * core. jax-js 0.1.25 on its wasm backend, its training step under `jit`; it starts its own pool
 * of workers where SharedArrayBuffer exists.
 */
import * as tf from '@tensorflow/tfjs-core';
// The gradients of TF.js's ops (optimizer.minimize needs them) ship in tfjs-core's ES build only.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tfjsTrainer } from '$lib/models/bench/tfjs';
import { jaxSetup, jaxTrainer } from '$lib/models/bench/jax';
import type { Trainer, WorkloadName } from '$lib/models/bench/workloads';
import type { Peer, SideSetup } from './bench-protocol';

export interface StartedPeer {
  setup: SideSetup;
  trainer: (workload: WorkloadName) => Trainer;
}

async function startTfjs(): Promise<StartedPeer> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm
  });
  // One XNNPACK thread per core asked for; it matters only for the threaded build, which TF.js
  // loads where SharedArrayBuffer exists. TF.js caps it at half of hardwareConcurrency (its
  // backend.cc assumes two hardware threads per core), and getThreadsCount() says what it used.
  setThreadsCount(Math.max(1, navigator.hardwareConcurrency || 1));
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js could not start its wasm backend');
  await tf.ready();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return {
    setup: { side: 'tfjs', library: `TensorFlow.js ${tf.version_core}`, backend: 'wasm', simd, threads: getThreadsCount() },
    trainer: (workload) => tfjsTrainer(workload, 'wasm')
  };
}

async function startJax(): Promise<StartedPeer> {
  const s = await jaxSetup();
  return {
    // jax-js's wasm backend compiles its kernels with SIMD instructions (its wasm code generator).
    setup: { side: 'jax', library: 'jax-js 0.1.25', backend: s.backend, simd: true, threads: s.threads, jit: s.jit },
    trainer: jaxTrainer
  };
}

export function startPeer(peer: Peer): Promise<StartedPeer> {
  return peer === 'tfjs' ? startTfjs() : startJax();
}
