/**
 * The benchmark's TensorFlow.js side: each workload written the way a TF.js user writes it —
 * variables, tf.* ops, `tf.train.adam`, `optimizer.minimize` — on whichever backend is active.
 *
 * The one departure is forced by the wasm backend, which has no Conv2DBackpropFilter kernel: there
 * the CNN's convolutions go through `tf.customGrad`, forward `tf.conv2d` (XNNPACK), input gradient
 * `tf.conv2dTranspose` (the wasm Conv2DBackpropInput kernel), filter gradient as im2col (nine
 * shifted slices of the padded input, concatenated) followed by one `tf.matMul`. The first layer's
 * custom gradient skips the input gradient (the input is data), which makes the peer faster, not
 * slower. On the cpu backend the CNN uses plain `tf.conv2d` and its own gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  ADAM_EPSILON, ATTENTION, CNN, MLP, attentionData, attentionParams, cnnData, cnnParams, mlpData, mlpParams,
  type Param, type Trainer, type WorkloadName
} from './workloads';

let built = 0; // TF.js variable names must be unique across models

function variables(params: Param[]): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  built++;
  for (const p of params) out[p.name] = tf.variable(tf.tensor(p.values, p.shape), true, `${p.name}#${built}`);
  return out;
}

function trainer(vars: Record<string, tf.Variable>, lr: number, lossFn: () => tf.Scalar, extra: tf.Tensor[]): Trainer {
  const optimizer = tf.train.adam(lr, 0.9, 0.999, ADAM_EPSILON);
  const list = Object.values(vars);
  return {
    step: () => { optimizer.minimize(lossFn, false, list); },
    loss: () => tf.tidy(() => lossFn().dataSync()[0]),
    sync: () => { list[0].dataSync(); },
    dispose: () => { optimizer.dispose(); for (const v of list) v.dispose(); for (const t of extra) t.dispose(); }
  };
}

function mlp(): Trainer {
  const d = mlpData();
  const x = tf.tensor2d(d.x, [MLP.points, 1]);
  const y = tf.tensor2d(d.y, [MLP.points, 1]);
  const v = variables(mlpParams());
  const loss = (): tf.Scalar => {
    const h1 = tf.tanh(tf.add(tf.matMul(x, v.w1), v.b1));
    const h2 = tf.tanh(tf.add(tf.matMul(h1, v.w2), v.b2));
    const out = tf.add(tf.matMul(h2, v.w3), v.b3);
    return tf.losses.meanSquaredError(y, out) as tf.Scalar;
  };
  return trainer(v, MLP.learningRate, loss, [x, y]);
}

/** 3×3 'same' stride-1 filter gradient as im2col + matMul: patches[P, 9C]ᵀ · dy[P, CO]. */
function filterGradIm2col(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number]): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const co = dy.shape[3];
  const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const taps: tf.Tensor4D[] = [];
  for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) taps.push(tf.slice(padded, [0, kh, kw, 0], [n, h, w, c]));
  const patches = tf.reshape(tf.concat(taps, 3), [n * h * w, 9 * c]);
  return tf.reshape(tf.matMul(patches, tf.reshape(dy, [n * h * w, co]), true, false), filterShape);
}

function customConv(inputGrad: boolean): (x: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, f, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, f]);
    return {
      value: tf.conv2d(x, f, 1, 'same'),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sf] = saved as [tf.Tensor4D, tf.Tensor4D];
        const g = dy as tf.Tensor4D;
        const dx = inputGrad ? tf.conv2dTranspose(g, sf, sx.shape, 1, 'same') : tf.zerosLike(sx);
        return [dx, filterGradIm2col(sx, g, sf.shape)];
      }
    };
  });
  return (x, f) => op(x, f) as tf.Tensor4D;
}

function cnn(backend: string): Trainer {
  const d = cnnData();
  const { batch, size, classes } = CNN;
  const x = tf.tensor4d(d.x, [batch, size, size, 3]);
  const onehot = tf.oneHot(tf.tensor1d(d.labels, 'int32'), classes);
  const v = variables(cnnParams());
  const useCustom = backend === 'wasm';
  const convFirst = useCustom ? customConv(false) : null;
  const convRest = useCustom ? customConv(true) : null;
  const conv = (input: tf.Tensor4D, layer: number): tf.Tensor4D => {
    const f = v[`conv${layer}.w`] as tf.Tensor4D;
    const y = useCustom ? (layer === 1 ? convFirst! : convRest!)(input, f) : tf.conv2d(input, f, 1, 'same');
    return tf.relu(tf.add(y, v[`conv${layer}.b`]));
  };
  const loss = (): tf.Scalar => {
    let h = tf.maxPool(conv(x, 1), 2, 2, 'valid');
    h = tf.maxPool(conv(h, 2), 2, 2, 'valid');
    h = conv(h, 3);
    const pooled = tf.mean(h, [1, 2]);
    const logits = tf.add(tf.matMul(pooled, v['dense.w']), v['dense.b']);
    return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
  };
  return trainer(v, CNN.learningRate, loss, [x, onehot]);
}

function attention(): Trainer {
  const d = attentionData();
  const { tokens, dModel } = ATTENTION;
  const x = tf.tensor2d(d.x, [tokens, dModel]);
  const target = tf.tensor2d(d.target, [tokens, dModel]);
  const v = variables(attentionParams());
  const scale = 1 / Math.sqrt(dModel);
  const loss = (): tf.Scalar => {
    const q = tf.matMul(x, v.wq), k = tf.matMul(x, v.wk), val = tf.matMul(x, v.wv);
    const a = tf.softmax(tf.mul(tf.matMul(q, k, false, true), scale));
    const out = tf.matMul(tf.matMul(a, val), v.wo);
    return tf.losses.meanSquaredError(target, out) as tf.Scalar;
  };
  return trainer(v, ATTENTION.learningRate, loss, [x, target]);
}

/** Builds a workload on the currently active TF.js backend. */
export function tfjsTrainer(workload: WorkloadName, backend: string): Trainer {
  if (workload === 'mlp') return mlp();
  if (workload === 'cnn') return cnn(backend);
  return attention();
}
