import { describe, expect, it } from 'vitest';
import { Rng, Tape } from '$lib/engine';
import { FILE_START, utf8Bytes } from '$lib/models/code/code-bytes';
import {
  CODE_MODEL_CONFIG, createCodeTransformer, loss, parameterCount, parameters, read, type CodeTransformerConfig
} from '$lib/models/code/code-transformer';
import { CodeTrainer, WindowSampler } from '$lib/models/code/code-trainer';
import { fileBits, rowBits } from '$lib/models/code/code-model-bits';
import { centralDifference } from '../support/finite-differences';
import { shakenCodeModel } from './shaken-model';

const TINY: CodeTransformerConfig = { context: 8, dModel: 8, heads: 2, layers: 2, hidden: 12 };

/** A tiny model whose every parameter is moved off its initial value, so every gradient is sizeable. */
const shaken = (seed: number) => shakenCodeModel(TINY, seed);

const sequence = (rng: Rng, n: number) => Int32Array.from({ length: n }, (_, i) => (i === 0 ? FILE_START : Math.floor(rng.uniform() * 256)));

describe('the code transformer', () => {
  it('has the layout it claims: several layers, several heads, a context of 128, bytes in and out', () => {
    const m = createCodeTransformer(CODE_MODEL_CONFIG, 1);
    expect(CODE_MODEL_CONFIG.layers).toBeGreaterThanOrEqual(2);
    expect(CODE_MODEL_CONFIG.heads).toBeGreaterThanOrEqual(2);
    expect(CODE_MODEL_CONFIG.context).toBeGreaterThanOrEqual(128);
    const { dModel: d, hidden: h, layers: L, context: T } = CODE_MODEL_CONFIG;
    expect(parameterCount(m)).toBe(257 * d + T * d + L * (2 * d + 4 * d * d + 2 * d + d * h + h + h * d + d) + 2 * d + d * 256 + 256);
    const names = parameters(m).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('its gradients match central differences of the loss (tiny config, a sample of every parameter)', () => {
    const m = shaken(3);
    const rng = new Rng(9);
    const B = 2, T = 6;
    const inputs = sequence(rng, B * T), targets = Int32Array.from({ length: B * T }, () => Math.floor(rng.uniform() * 256));
    const tape = new Tape();
    tape.backward(loss(tape, m, inputs, targets, B));
    // The slopes are 10⁻³ … 10⁻¹ here; float32 rounding of the loss (≈ 3·10⁻⁷) over 2h leaves ≈ 10⁻⁴ of noise.
    const value = () => loss(new Tape({ record: false }), m, inputs, targets, B).data[0];
    let checked = 0;
    for (const p of parameters(m)) {
      const analytic = Float64Array.from(p.grad!);
      // The coordinate with the steepest slope (for the embeddings, a row this input used), and two at random.
      let steepest = 0;
      analytic.forEach((g, j) => { if (Math.abs(g) > Math.abs(analytic[steepest])) steepest = j; });
      for (const j of [steepest, Math.floor(rng.uniform() * p.size), Math.floor(rng.uniform() * p.size)]) {
        const numeric = centralDifference(value, p.data, j, 3e-3);
        expect(Math.abs(numeric - analytic[j]), `${p.name}[${j}]: ${numeric} vs ${analytic[j]}`).toBeLessThan(3e-4 + 3e-2 * Math.abs(analytic[j]));
        checked++;
      }
    }
    expect(checked).toBe(3 * parameters(m).length);
  });

  it('is causal: changing a later symbol never changes an earlier position’s output', () => {
    const m = shaken(5);
    const rng = new Rng(2);
    const T = TINY.context;
    const base = sequence(rng, T);
    const before = read(m, base).logits.data.slice();
    for (const j of [1, 4, T - 1]) {
      const changed = base.slice();
      changed[j] = (changed[j] + 77) % 256;
      const after = read(m, changed).logits.data;
      for (let i = 0; i < j * 256; i++) expect(after[i]).toBe(before[i]);
      let moved = 0;
      for (let i = j * 256; i < (j + 1) * 256; i++) moved = Math.max(moved, Math.abs(after[i] - before[i]));
      expect(moved).toBeGreaterThan(0);
    }
  });

  it('attention rows sum to one and give nothing to later positions', () => {
    const m = shaken(7);
    const T = TINY.context, H = TINY.heads;
    const { layers } = read(m, sequence(new Rng(4), 2 * T), 2);
    for (const layer of layers) {
      const w = layer.weights.data;
      expect(layer.weights.shape).toEqual([2, H, T, T]);
      for (let row = 0; row < 2 * H * T; row++) {
        const i = row % T;
        let s = 0;
        for (let j = 0; j < T; j++) {
          if (j > i) expect(w[row * T + j]).toBe(0);
          s += w[row * T + j];
        }
        expect(s).toBeCloseTo(1, 5);
      }
    }
  });

  it('refuses inputs longer than its context', () => {
    const m = createCodeTransformer(TINY, 1);
    expect(() => read(m, new Int32Array(TINY.context + 1))).toThrow(/context/);
  });
});

describe('the code transformer’s bits per file', () => {
  const m = shaken(11);
  const T = TINY.context;
  const symbolsOf = (bytes: Uint8Array) => Int32Array.from({ length: bytes.length }, (_, k) => (k === 0 ? FILE_START : bytes[k - 1]));
  /** Byte k's bits from a forward pass over symbols start … k alone. */
  const alone = (bytes: Uint8Array, start: number, k: number) => {
    const logits = read(m, symbolsOf(bytes).subarray(start, k + 1)).logits.data;
    return rowBits(logits, (k - start) * 256, 256, bytes[k]);
  };

  it('a file within the context: one pass, every byte from FILE_START on', () => {
    const bytes = utf8Bytes('let x;');
    let expected = 0;
    for (let k = 0; k < bytes.length; k++) expected += alone(bytes, 0, k);
    expect(fileBits(m, bytes)).toBeCloseTo(expected, 4);
  });

  it('a longer file: windows overlap so that each byte keeps at least context − stride symbols before it', () => {
    const bytes = utf8Bytes('export const answer = 42;\n');
    const stride = 3;
    let expected = 0;
    for (let k = 0; k < bytes.length; k++) {
      const start = k < T ? 0 : (Math.floor((k - T) / stride) + 1) * stride;
      if (k >= T) expect(k - start).toBeGreaterThanOrEqual(T - stride);
      expected += alone(bytes, start, k);
    }
    expect(fileBits(m, bytes, stride)).toBeCloseTo(expected, 4);
  });
});

describe('training the code transformer', () => {
  const text = 'function add(a, b) {\n\treturn a + b;\n}\nexport const sum = add(1, 2);\n';
  const files = [utf8Bytes(text.repeat(4)), utf8Bytes('x'), utf8Bytes(text)];

  it('samples windows inside one file, FILE_START first, targets the next bytes', () => {
    const sampler = new WindowSampler(files, 8);
    // The one-byte file has no window; the others have n + 1 − 8 each.
    expect(sampler.windows).toBe(files[0].length - 7 + files[2].length - 7);
    const inputs = new Int32Array(8 * 50), targets = new Int32Array(8 * 50);
    sampler.sample(new Rng(1), 50, inputs, targets);
    for (let b = 0; b < 50; b++) {
      for (let t = 0; t < 8; t++) {
        if (inputs[b * 8 + t] === FILE_START) expect(t).toBe(0);
        if (t < 7) expect(inputs[b * 8 + t + 1]).toBe(targets[b * 8 + t]);
        expect(targets[b * 8 + t]).toBeLessThan(256);
      }
    }
    // A 9-byte file has exactly two windows of 8: from FILE_START, and from its first byte.
    const two = new WindowSampler([utf8Bytes('abcdefghi')], 8);
    const x = new Int32Array(8 * 40), y = new Int32Array(8 * 40);
    two.sample(new Rng(3), 40, x, y);
    const seen = new Set<string>();
    for (let b = 0; b < 40; b++) seen.add(`${[...x.subarray(b * 8, b * 8 + 8)]}|${String.fromCharCode(...y.subarray(b * 8, b * 8 + 8))}`);
    const codes = (s: string) => [...s].map((c) => c.charCodeAt(0));
    expect([...seen].sort()).toEqual([`${[FILE_START, ...codes('abcdefg')]}|abcdefgh`, `${codes('abcdefgh')}|bcdefghi`].sort());
  });

  it('is repeatable: the same seeds give the same losses, bit for bit', () => {
    const run = () => {
      const trainer = new CodeTrainer(createCodeTransformer(TINY, 4), files, { batch: 4, seed: 2 });
      return Array.from({ length: 5 }, () => trainer.step());
    };
    expect(run()).toEqual(run());
  });

  it('a short seeded run brings the loss down from about ln 256', () => {
    const m = createCodeTransformer({ context: 16, dModel: 16, heads: 2, layers: 2, hidden: 32 }, 1);
    const trainer = new CodeTrainer(m, files, { batch: 8, seed: 1, lr: 1e-2 });
    for (let i = 0; i < 60; i++) trainer.step();
    const first = trainer.losses[0], last = trainer.losses.slice(-10).reduce((a, b) => a + b, 0) / 10;
    expect(first).toBeCloseTo(Math.log(256), 0);
    expect(last).toBeLessThan(first / 2);
  });
});
