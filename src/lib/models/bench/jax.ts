/**
 * The benchmark's jax-js side (@jax-js/jax 0.1.25): each workload written the way a JAX user
 * writes it — a pure loss function of a parameter tree, `grad` of it, and the whole training step
 * (gradient and Adam update) under one `jit`, so jax-js can fuse it into few kernels. Adam is
 * written out (jax-js ships no optimisers), with the engine's formula:
 * p ← p − lr·m̂ / (√v̂ + ε), bias corrections passed in per step.
 *
 * jax-js convolves NCHW images with OIHW kernels; the shared NHWC images and HWIO kernels of
 * workloads.ts are permuted into that layout once, in plain JavaScript, before any array exists,
 * so jax-js gets its preferred layout and the same numbers.
 *
 * jax-js moves arrays: every array passed to a function is consumed, `.ref` keeps one alive.
 */
import { blockUntilReady, defaultDevice, grad, init, jit, nn, lax, numpy as np, tree } from '@jax-js/jax';
import {
  ADAM_EPSILON, ATTENTION, CNN, MLP, attentionData, attentionParams, cnnData, cnnParams, mlpData, mlpParams,
  type Param, type Trainer, type WorkloadName
} from './workloads';

type Arr = np.Array;
type Tree = Record<string, Arr>;
const BETA1 = 0.9, BETA2 = 0.999;

/** What jax-js was given: its wasm backend, and its worker pool where SharedArrayBuffer exists. */
export async function jaxSetup(): Promise<{ backend: string; threads: number; jit: boolean }> {
  const ready = await init('wasm');
  if (!ready.includes('wasm')) throw new Error('jax-js could not start its wasm backend');
  defaultDevice('wasm');
  // jax-js's wasm backend starts navigator.hardwareConcurrency workers when SharedArrayBuffer is
  // available (a cross-origin isolated page), and runs on the calling thread otherwise.
  const shared = typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined';
  return { backend: 'wasm', threads: shared ? Math.max(1, navigator.hardwareConcurrency || 4) : 1, jit: true };
}

/** A float32 array of jax-js's own (a copy: jax-js takes buffers it owns). */
const arr = (values: Float32Array, shape: number[]): Arr => np.array(new Float32Array(values), { shape });

/** HWIO [kh, kw, cin, cout] → OIHW [cout, cin, kh, kw]. */
function hwioToOihw(values: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < cin; c++) for (let o = 0; o < cout; o++) {
    out[((o * cin + c) * kh + i) * kw + j] = values[((i * kw + j) * cin + c) * cout + o];
  }
  return out;
}

/** NHWC → NCHW. */
function nhwcToNchw(values: Float32Array, [n, h, w, c]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let b = 0; b < n; b++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) {
    out[((b * c + k) * h + i) * w + j] = values[((b * h + i) * w + j) * c + k];
  }
  return out;
}

function paramTree(list: Param[], layout: (p: Param) => { values: Float32Array; shape: number[] } = (p) => p): Tree {
  const out: Tree = {};
  for (const p of list) {
    const { values, shape } = layout(p);
    out[p.name] = arr(values, shape);
  }
  return out;
}

const zerosLike = (p: Tree): Tree => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, np.zeros(v.shape)]));

/**
 * A trainer from a loss of (params, x, y). `data` are the inputs the loss reads (kept alive and
 * passed by reference on every call).
 */
function trainer(loss: (p: Tree, x: Arr, y: Arr) => Arr, params: Tree, x: Arr, y: Arr, lr: number): Trainer {
  const gradient = grad(loss);
  const update = jit((p: Tree, m: Tree, v: Tree, x: Arr, y: Arr, c1: Arr, c2: Arr) => {
    const g = gradient(tree.ref(p), x, y);
    const next: Tree = {}, nm: Tree = {}, nv: Tree = {};
    for (const k of Object.keys(p)) {
      nm[k] = np.add(np.multiply(m[k], BETA1), np.multiply(g[k].ref, 1 - BETA1));
      nv[k] = np.add(np.multiply(v[k], BETA2), np.multiply(np.square(g[k]), 1 - BETA2));
      const mhat = np.multiply(nm[k].ref, c1.ref);
      const vhat = np.multiply(nv[k].ref, c2.ref);
      next[k] = np.subtract(p[k], np.divide(mhat, np.add(np.sqrt(vhat), ADAM_EPSILON)));
    }
    c1.dispose();
    c2.dispose();
    return [next, nm, nv];
  });
  const lossAt = jit(loss);
  let p = params, m = zerosLike(params), v = zerosLike(params), t = 0;
  return {
    step() {
      t++;
      const c1 = np.array(lr / (1 - Math.pow(BETA1, t))), c2 = np.array(1 / (1 - Math.pow(BETA2, t)));
      [p, m, v] = update(p, m, v, x.ref, y.ref, c1, c2) as [Tree, Tree, Tree];
    },
    async loss() {
      const l = lossAt(tree.ref(p), x.ref, y.ref);
      return (await l.data())[0];
    },
    async sync() {
      await blockUntilReady(tree.ref(p)).then((r) => tree.dispose(r));
    },
    dispose() {
      tree.dispose([p, m, v]);
      x.dispose();
      y.dispose();
      update.dispose();
      lossAt.dispose();
    }
  };
}

function mlp(): Trainer {
  const d = mlpData();
  const loss = (p: Tree, x: Arr, y: Arr): Arr => {
    const h1 = np.tanh(np.add(np.matmul(x, p.w1), p.b1));
    const h2 = np.tanh(np.add(np.matmul(h1, p.w2), p.b2));
    const out = np.add(np.matmul(h2, p.w3), p.b3);
    return np.mean(np.square(np.subtract(out, y)));
  };
  return trainer(loss, paramTree(mlpParams()), arr(d.x, [MLP.points, 1]), arr(d.y, [MLP.points, 1]), MLP.learningRate);
}

/** 2×2 max pooling, stride 2, of NCHW maps: a reshape and a max over the two window axes. */
function maxPool2(h: Arr): Arr {
  const [n, c, hh, ww] = h.shape;
  return np.max(np.reshape(h, [n, c, hh / 2, 2, ww / 2, 2]), [3, 5]);
}

function cnn(): Trainer {
  const d = cnnData();
  const { batch, size, classes } = CNN;
  const x = arr(nhwcToNchw(d.x, [batch, size, size, 3]), [batch, 3, size, size]);
  const onehot = new Float32Array(batch * classes);
  for (let n = 0; n < batch; n++) onehot[n * classes + d.labels[n]] = 1;
  const params = paramTree(cnnParams(), (p) => (p.shape.length === 4
    ? { values: hwioToOihw(p.values, p.shape), shape: [p.shape[3], p.shape[2], p.shape[0], p.shape[1]] }
    : p));
  const block = (h: Arr, w: Arr, b: Arr): Arr =>
    nn.relu(np.add(lax.conv(h, w, [1, 1], 'SAME'), np.reshape(b, [1, b.shape[0], 1, 1])));
  const loss = (p: Tree, x: Arr, y: Arr): Arr => {
    let h = maxPool2(block(x, p['conv1.w'], p['conv1.b']));
    h = maxPool2(block(h, p['conv2.w'], p['conv2.b']));
    h = block(h, p['conv3.w'], p['conv3.b']);
    const logits = np.add(np.matmul(np.mean(h, [2, 3]), p['dense.w']), p['dense.b']);
    return np.negative(np.mean(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
  };
  return trainer(loss, params, x, arr(onehot, [batch, classes]), CNN.learningRate);
}

function attention(): Trainer {
  const d = attentionData();
  const { tokens, dModel } = ATTENTION;
  const scale = 1 / Math.sqrt(dModel);
  const loss = (p: Tree, x: Arr, target: Arr): Arr => {
    const q = np.matmul(x.ref, p.wq), k = np.matmul(x.ref, p.wk), v = np.matmul(x, p.wv);
    const a = nn.softmax(np.multiply(np.matmul(q, np.transpose(k)), scale), -1);
    const out = np.matmul(np.matmul(a, v), p.wo);
    return np.mean(np.square(np.subtract(out, target)));
  };
  return trainer(loss, paramTree(attentionParams()), arr(d.x, [tokens, dModel]), arr(d.target, [tokens, dModel]), ATTENTION.learningRate);
}

/** Builds a workload on jax-js's default device (call jaxSetup first). */
export function jaxTrainer(workload: WorkloadName): Trainer {
  if (workload === 'mlp') return mlp();
  if (workload === 'cnn') return cnn();
  return attention();
}
