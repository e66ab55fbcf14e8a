/**
 * The benchmark's engine side: the same three workloads as tfjs-models.ts, written the way the
 * lecture's models use the engine — parameters as tensors, ops on a tape that reuses its buffers
 * between steps (dense layers through the fused `linear` op, as the Linear layer does),
 * `tape.backward`, `Adam.step`.
 */
import { Adam } from '../../engine/optim';
import { tanh, relu, softmax } from '../../engine/ops/activation';
import { mul } from '../../engine/ops/elementwise';
import { linear, matmul } from '../../engine/ops/matmul';
import { crossEntropy, mse } from '../../engine/ops/loss';
import { transpose } from '../../engine/ops/shape';
import { conv2d } from '../../engine/ops/conv';
import { globalAvgPool, maxPool2d } from '../../engine/ops/pool';
import { Tape } from '../../engine/tape';
import { Tensor, param } from '../../engine/tensor';
import {
  ADAM_EPSILON, ATTENTION, CNN, MLP, attentionData, attentionParams, cnnData, cnnParams, mlpData, mlpParams,
  type Param, type Trainer, type WorkloadName
} from './workloads';

function params(list: Param[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const p of list) out[p.name] = param(Float32Array.from(p.values), p.shape, p.name);
  return out;
}

function trainer(p: Record<string, Tensor>, lr: number, forward: (tape: Tape) => Tensor): Trainer {
  const tape = new Tape({ reuseBuffers: true });
  const optimizer = new Adam(Object.values(p), { lr, eps: ADAM_EPSILON });
  return {
    step() {
      tape.reset();
      tape.backward(forward(tape));
      optimizer.step();
    },
    loss: () => forward(new Tape({ record: false })).item(),
    sync() {},
    dispose() {}
  };
}

function mlp(): Trainer {
  const d = mlpData();
  const x = new Tensor(d.x, [MLP.points, 1]), y = new Tensor(d.y, [MLP.points, 1]);
  const p = params(mlpParams());
  return trainer(p, MLP.learningRate, (t) => {
    const h1 = tanh(t, linear(t, x, p.w1, p.b1));
    const h2 = tanh(t, linear(t, h1, p.w2, p.b2));
    return mse(t, linear(t, h2, p.w3, p.b3), y);
  });
}

function cnn(): Trainer {
  const d = cnnData();
  const { batch, size } = CNN;
  const x = new Tensor(d.x, [batch, size, size, 3]);
  const p = params(cnnParams());
  const block = (t: Tape, h: Tensor, l: number) => relu(t, conv2d(t, h, p[`conv${l}.w`], p[`conv${l}.b`], { padding: 'same' }));
  return trainer(p, CNN.learningRate, (t) => {
    let h = maxPool2d(t, block(t, x, 1));
    h = maxPool2d(t, block(t, h, 2));
    h = globalAvgPool(t, block(t, h, 3));
    return crossEntropy(t, linear(t, h, p['dense.w'], p['dense.b']), d.labels);
  });
}

function attention(): Trainer {
  const d = attentionData();
  const { tokens, dModel } = ATTENTION;
  const x = new Tensor(d.x, [tokens, dModel]), target = new Tensor(d.target, [tokens, dModel]);
  const p = params(attentionParams());
  const scale = 1 / Math.sqrt(dModel);
  return trainer(p, ATTENTION.learningRate, (t) => {
    const q = matmul(t, x, p.wq), k = matmul(t, x, p.wk), v = matmul(t, x, p.wv);
    const a = softmax(t, mul(t, matmul(t, q, transpose(t, k)), scale));
    return mse(t, matmul(t, matmul(t, a, v), p.wo), target);
  });
}

export function engineTrainer(workload: WorkloadName): Trainer {
  if (workload === 'mlp') return mlp();
  if (workload === 'cnn') return cnn();
  return attention();
}
