import { describe, expect, it } from 'vitest';
import { FILE_START, utf8Bytes } from '$lib/models/code/code-bytes';
import { createCodeTransformer, read, type CodeTransformerConfig } from '$lib/models/code/code-transformer';
import {
  CodeWriter, TEMPERATURE_RANGE, clampTemperature, greedyContinuation, readingWindow, writeContinuation
} from '$lib/models/code/code-writer';
import { byteLabel, symbolLabel, visibleChar } from '$lib/models/code/code-symbol-labels';
import { shakenCodeModel } from './shaken-model';

const TINY: CodeTransformerConfig = { context: 16, dModel: 8, heads: 2, layers: 2, hidden: 12 };

/** A tiny model moved well off its initialisation, its output layer scaled so it is confident. */
function confident(seed: number, config = TINY, sharpness = 30) {
  const m = shakenCodeModel(config, seed);
  for (let i = 0; i < m.head.size; i++) m.head.data[i] *= sharpness;
  return m;
}

/** Greedy bytes recomputed from scratch: argmax of the last row of read() over the last `context` symbols. */
function greedyBytes(m: ReturnType<typeof confident>, prompt: string, n: number): number[] {
  const symbols = [FILE_START, ...utf8Bytes(prompt)];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const window = symbols.slice(-m.config.context);
    const logits = read(m, window).logits.data.subarray((window.length - 1) * 256, window.length * 256);
    let best = 0;
    for (let j = 1; j < 256; j++) if (logits[j] > logits[best]) best = j;
    symbols.push(best);
    out.push(best);
  }
  return out;
}

/** A model that ignores its input: every place, the same distribution `p` over bytes (through the output bias alone). */
function constantModel(p: Map<number, number>) {
  const m = createCodeTransformer(TINY, 1);
  m.head.data.fill(0);
  const rest = (1 - [...p.values()].reduce((a, b) => a + b, 0)) / (256 - p.size);
  for (let b = 0; b < 256; b++) m.headBias.data[b] = Math.log(p.get(b) ?? rest);
  return { m, probability: (b: number) => p.get(b) ?? rest };
}

const codePoints = (s: string) => Array.from(s);

describe('the code writer', () => {
  it('greedy is deterministic and is the argmax of read()’s logits, decoded as TextDecoder decodes', () => {
    for (const seed of [1, 2, 3]) {
      const m = confident(seed);
      const text = greedyContinuation(m, 'let x = ', 12);
      expect(greedyContinuation(m, 'let x = ', 12)).toBe(text);
      expect(codePoints(text)).toHaveLength(12);
      const decoded = new TextDecoder().decode(Uint8Array.from(greedyBytes(m, 'let x = ', 60)));
      expect(codePoints(decoded).slice(0, 12).join('')).toBe(text);
    }
  });

  it('sampling: the same seed writes the same text, other seeds other texts', () => {
    const m = confident(4, TINY, 3);
    const sample = (seed: number) => writeContinuation(m, 'if (', 30, { kind: 'sample', temperature: 1, seed }).map((c) => c.text).join('');
    expect(sample(7)).toBe(sample(7));
    const others = new Set([1, 2, 3, 4, 5].map(sample));
    expect(others.size).toBeGreaterThan(3);
  });

  it('as the temperature falls, sampling comes to write what greedy writes', () => {
    // Half the mass on "a", the rest spread: at 0.1 the rest weighs (1/255)¹⁰ as much as "a", at 2 more than "a".
    const { m } = constantModel(new Map([[0x61, 0.5]]));
    const greedy = greedyContinuation(m, 'x', 60);
    expect(greedy).toBe('a'.repeat(60));
    const sample = (temperature: number, seed: number) => writeContinuation(m, 'x', 60, { kind: 'sample', temperature, seed }).map((c) => c.text).join('');
    for (const seed of [1, 2, 3]) {
      expect(sample(TEMPERATURE_RANGE.min, seed)).toBe(greedy);
      expect(sample(0.001, seed)).toBe(greedy); // clamped to the minimum
      expect(sample(TEMPERATURE_RANGE.max, seed)).not.toBe(greedy);
    }
    expect(clampTemperature(0)).toBe(TEMPERATURE_RANGE.min);
    expect(clampTemperature(9)).toBe(TEMPERATURE_RANGE.max);
    expect(clampTemperature(NaN)).toBe(1);
  });

  it('top five descend, are probabilities, and greedy writes the first of them', () => {
    const m = confident(6, TINY, 2);
    for (const c of writeContinuation(m, 'const ', 20)) {
      expect(c.top).toHaveLength(5);
      for (let i = 0; i < 5; i++) {
        expect(c.top[i].probability).toBeLessThanOrEqual(1);
        expect(c.top[i].probability).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(c.top[i].probability).toBeLessThanOrEqual(c.top[i - 1].probability);
        expect(c.top[i].text).toBe(byteLabel(c.top[i].byte));
      }
      expect(c.probability).toBeLessThanOrEqual(c.top[0].probability);
    }
  });

  it('a character’s probability is the product of its bytes’; a broken sequence is U+FFFD and never throws', () => {
    // λ is CE BB; CE followed by anything but a continuation byte is broken, and so is a lone BB.
    const p = new Map([[0xce, 0.4], [0xbb, 0.3], [0x61, 0.2]]);
    const { m, probability } = constantModel(p);
    const chars = writeContinuation(m, '', 200, { kind: 'sample', temperature: 1, seed: 3 });
    const seen = new Set(chars.map((c) => c.text));
    expect(seen.has('λ') && seen.has('\uFFFD') && seen.has('a')).toBe(true);
    for (const c of chars) {
      expect(c.top.map((a) => a.text)).toEqual(['0xCE', '0xBB', 'a', '␀', '␁']);
      if (c.text === '\uFFFD') continue; // a lone byte or a broken prefix: its bytes are not in its text
      const product = Array.from(utf8Bytes(c.text)).reduce((q, b) => q * probability(b), 1);
      expect(Math.abs(c.probability / product - 1)).toBeLessThan(1e-5);
    }
  });

  it('reads FILE_START and the last bytes, at most the context: prompts of 0, 1, 127, 128 and 500 bytes', () => {
    const T = 128;
    const prompt = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    expect(Array.from(readingWindow('', T).symbols)).toEqual([FILE_START]);
    expect(Array.from(readingWindow('a', T).symbols)).toEqual([FILE_START, 97]);
    for (const [n, first, unread] of [[127, FILE_START, 0], [128, 97, 0], [500, 97 + (372 % 26), 372]] as const) {
      const w = readingWindow(prompt(n), T);
      expect(w.symbols.length).toBe(T);
      expect(w.symbols[0]).toBe(first);
      expect(w.unreadBytes).toBe(unread);
      expect(w.symbols[T - 1]).toBe(prompt(n).charCodeAt(n - 1));
    }
    // What is not in the window does not count: a long prompt is continued as its last context bytes alone.
    const m = confident(8);
    const long = prompt(500);
    expect(greedyContinuation(m, long, 10)).toBe(greedyContinuation(m, long.slice(500 - TINY.context), 10));
    expect(codePoints(greedyContinuation(m, '', 10))).toHaveLength(10);
  });

  it('Unicode prompts and emoji decode and are continued without an error', () => {
    const m = confident(9, TINY, 1);
    for (const prompt of ['λ → 😀', '😀😀😀😀😀😀😀😀', '\uD800 lone surrogate']) {
      expect(Array.from(readingWindow(prompt, 1000).symbols.subarray(1))).toEqual(Array.from(utf8Bytes(prompt)));
      const writer = new CodeWriter(m, prompt, { kind: 'sample', temperature: 2, seed: 1 });
      for (let i = 0; i < 40; i++) expect(codePoints(writer.next().text)).toHaveLength(1);
      expect(codePoints(writer.text)).toHaveLength(40);
    }
  });

  it('shows white space, control characters, bytes and the file-start mark visibly', () => {
    expect(['\n', '\t', ' ', '\r', '\x7f', 'x', 'λ'].map(visibleChar)).toEqual(['↵', '⇥', '␣', '␍', '␡', 'x', 'λ']);
    expect([0x0a, 0x41, 0xe2, 0x80].map(byteLabel)).toEqual(['↵', 'A', '0xE2', '0x80']);
    expect(symbolLabel(FILE_START)).toBe('␂');
  });
});
