// The section-7 CNN: its size, its augmentation, saliency against finite differences, and the
// shipped weights reproducing the shipped metrics exactly.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import { decodePhotoSet, photo, SPLIT_FILES } from '$lib/data/cats-dogs';
import {
  createCnn, evaluate, forward, imagesToTensor, inspectPhoto, loadCnn, parameterCount, scalePixel
} from '$lib/models/cnn/cnn';
import { augmentInto, CnnTraining, DEFAULT_TRAINING } from '$lib/models/cnn/cnn-training';
import { classScore, saliency } from '$lib/models/cnn/saliency';
import { centralDifference } from '../support/finite-differences';

const test = decodePhotoSet(new Uint8Array(readFileSync(`static/data/${SPLIT_FILES.test}`)), 'test');

describe('cnn', () => {
  it('has 72,434 trainable numbers: six 3×3 convolutions (16,16,32,32,64,64), their norms, a 64→2 dense layer', () => {
    const convs = 27 * 16 + 144 * 16 + 144 * 32 + 288 * 32 + 288 * 64 + 576 * 64;
    const norms = 2 * (16 + 16 + 32 + 32 + 64 + 64);
    expect(parameterCount(createCnn(1))).toBe(convs + norms + 64 * 2 + 2);
    expect(convs + norms + 130).toBe(72434);
  });

  it('shows every block\'s feature maps with the shapes of the architecture', () => {
    const { probabilities, maps } = inspectPhoto(createCnn(1), photo(test, 0));
    expect(maps.map((m) => `${m.name}:${m.tensor.shape.join('x')}`)).toEqual([
      'conv1:1x32x32x16', 'conv2:1x32x32x16', 'pool1:1x16x16x16', 'conv3:1x16x16x32', 'conv4:1x16x16x32',
      'pool2:1x8x8x32', 'conv5:1x8x8x64', 'conv6:1x8x8x64'
    ]);
    expect(probabilities[0] + probabilities[1]).toBeCloseTo(1, 6);
  });

  it('augmentation: a mirror and a shift move pixels where a direct loop says', () => {
    const src = photo(test, 5);
    const out = new Float32Array(3072);
    augmentInto(src, out, 0, 3, -2, true);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) for (let k = 0; k < 3; k++) {
      const sr = r + 2, sc = 31 - (c - 3);
      const expected = sr < 32 && sc >= 0 && sc < 32 ? scalePixel(src[(sr * 32 + sc) * 3 + k]) : 0;
      expect(out[(r * 32 + c) * 3 + k]).toBe(Math.fround(expected));
    }
  });

  it('training: the same seed gives the same losses, and a few steps on 32 photos lower the loss', () => {
    const idx = [...Array.from({ length: 16 }, (_, i) => i), ...Array.from({ length: 16 }, (_, i) => 200 + i)];
    const config = { ...DEFAULT_TRAINING, epochs: 10, batchSize: 16, maxShift: 0, flip: false, warmupEpochs: 0 };
    const a = new CnnTraining(config, test.images, test.labels, { indices: idx });
    const b = new CnnTraining(config, test.images, test.labels, { indices: idx });
    const first = [a.step(), a.step()];
    expect([b.step(), b.step()]).toEqual(first);
    let last = 0;
    for (let i = 0; i < 10; i++) last = a.step();
    expect(last).toBeLessThan(first[0]);
  });
});

describe('saliency', () => {
  it('equals central finite differences of the class score on a few input values', () => {
    // A network with non-trivial batch-norm statistics: a few training steps first.
    const run = new CnnTraining({ ...DEFAULT_TRAINING, epochs: 1 }, test.images, test.labels);
    for (let i = 0; i < 3; i++) run.step();
    const net = run.net;
    const pixels = photo(test, 210);
    for (const cls of [0, 1]) {
      const { gradient } = saliency(net, pixels, cls);
      const base = imagesToTensor(pixels, 1);
      for (const i of [0, 100, 1551, 2048, 3071]) {
        const fd = centralDifference(() => classScore(net, base, cls), base.data, i, 1e-2);
        expect(Math.abs(gradient[i] - fd)).toBeLessThan(2e-3 + 0.02 * Math.abs(fd));
      }
    }
  });

  it('the score it reports is the logit of the inference forward pass', () => {
    const net = createCnn(3);
    const pixels = photo(test, 7);
    const logits = forward(new Tape({ record: false }), net, imagesToTensor(pixels, 1), { training: false });
    expect(saliency(net, pixels, 1).score).toBeCloseTo(logits.data[1], 5);
  });
});

describe('shipped weights', () => {
  const weights = 'static/models/cnn.safetensors';
  it.runIf(existsSync(weights))('reproduce the metrics file\'s test accuracy exactly', () => {
    const metrics = JSON.parse(readFileSync('static/models/cnn-metrics.json', 'utf8'));
    const net = loadCnn(new Uint8Array(readFileSync(weights)));
    const { correct } = evaluate(net, test.images, test.labels);
    expect(correct).toBe(metrics.testCorrect);
    expect(metrics.testCount).toBe(400);
    expect(metrics.testAccuracy).toBe(correct / 400);
    expect(metrics.parameters).toBe(parameterCount(net));
  });
});
