import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '$lib/models/code/code-bytes';
import { FILE_MARK, chooseLearnFiles, joinLearnText, splitLearnText, LEARN_TEXT_BYTES } from '$lib/models/code/code-learn-text';
import { CURVE_EVERY, CodeLearnTrainer, DEFAULT_LEARN_CONFIG, type CodeLearnConfig } from '$lib/models/code/code-learn-trainer';
import type { CorpusFile } from '$lib/models/code/code-corpus';

const FILES = [
  'function add(a, b) {\n\treturn a + b;\n}\n\nexport function sub(a, b) {\n\treturn a - b;\n}\n',
  'const items = [1, 2, 3];\nfor (const item of items) {\n\tconsole.log(item);\n}\n',
  'export class Box {\n\tconstructor(value) {\n\t\tthis.value = value;\n\t}\n\tget() {\n\t\treturn this.value;\n\t}\n}\n'
];

const CONFIG: CodeLearnConfig = {
  ...DEFAULT_LEARN_CONFIG,
  textUrl: '/data/code-learn.txt',
  batch: 8,
  learningRate: 1e-2,
  model: { context: 16, dModel: 16, heads: 2, layers: 1, hidden: 32 },
  seconds: 7.5,
  sampleChars: 20,
  sampleEverySeconds: 3
};

/** A trainer on the three files above, whose clock moves 250 ms a reading: each step takes 250 ms. */
function trainer() {
  const loads: string[] = [];
  let t = 0;
  const learn = new CodeLearnTrainer((url) => (loads.push(url), utf8Bytes(joinLearnText(FILES))), () => (t += 250));
  return { learn, loads };
}

describe('watch it learn', () => {
  it('its loss falls within 30 steps of a tiny model, and it stops after its seconds of training', () => {
    const { learn, loads } = trainer();
    learn.reset(CONFIG);
    const first = learn.snapshot();
    expect(first.step).toBe(0);
    expect(first.lossCurve).toEqual([]);
    expect(first.sample).toMatchObject({ step: 0, prompt: 'function ' });
    expect(first.trainBytes).toBe(FILES.reduce((n, f) => n + utf8Bytes(f).length, 0));
    const losses: number[] = [];
    while (!learn.finished()) losses.push(learn.step());
    expect(losses).toHaveLength(30);
    expect(losses[0]).toBeGreaterThan(7.5); // about 8 bits per byte: 256 bytes equally likely
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 1.5);

    const s = learn.snapshot();
    expect(s.step).toBe(30);
    expect(s.secondsTrained).toBeCloseTo(7.5, 6);
    expect(s.lossCurve.map((p) => p.step)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(s.lossCurve[5].bitsPerByte).toBeCloseTo(mean(losses.slice(30 - CURVE_EVERY)), 6);
    // Samples every 3 seconds of training: after steps 12 and 24.
    expect(s.sample.step).toBe(24);
    expect(Array.from(s.sample.text)).toHaveLength(20);
    expect(s.parameters).toBeGreaterThan(0);
    expect(loads).toEqual(['/data/code-learn.txt']);
  });

  it('the same seed trains the same way; the text is read once per address', () => {
    const { learn, loads } = trainer();
    const run = () => {
      learn.reset(CONFIG);
      return Array.from({ length: 6 }, () => learn.step());
    };
    const a = run();
    expect(run()).toEqual(a);
    learn.reset({ ...CONFIG, seed: 2 });
    expect(learn.step()).not.toBe(a[0]);
    expect(loads).toHaveLength(1);
  });

  it('the excerpt is whole training files within the size, cut back as it was joined', () => {
    const file = (path: string, split: CorpusFile['split'], text: string) =>
      ({ path, package: 'p', version: '1', licence: 'MIT', split, chars: text.length, bytes: utf8Bytes(text).length, text });
    const files = [
      file('p/a.js', 'train', 'a'.repeat(LEARN_TEXT_BYTES - 10)),
      file('p/b.js', 'heldout', 'b'),
      file('p/c.js', 'train', 'c'.repeat(20)),
      file('p/d.js', 'validation', 'd'),
      file('p/e.js', 'train', `e${FILE_MARK}`),
      file('p/f.js', 'train', 'f')
    ];
    const chosen = chooseLearnFiles(files);
    expect(chosen.every((f) => f.split === 'train' && !f.text.includes(FILE_MARK))).toBe(true);
    expect(chosen.reduce((n, f) => n + f.bytes, 0)).toBeLessThanOrEqual(LEARN_TEXT_BYTES);
    expect(chosen.map((f) => f.path)).toEqual([...chosen].map((f) => f.path).sort()); // corpus order
    expect(chooseLearnFiles([...files].reverse()).map((f) => f.path).sort()).toEqual(chosen.map((f) => f.path));
    expect(splitLearnText(joinLearnText(FILES))).toEqual(FILES);
    expect(splitLearnText(joinLearnText(['', 'x']))).toEqual(['', 'x']);
  });
});
