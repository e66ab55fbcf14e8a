// What the browser tests of section 7 compare against: the same photo files and weights the page
// loads, run here in Node by direct loops; and a minimal PNG encoder, so tests make their own images.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { CLASS_NAMES, decodePhotoSet, photo, SPLIT_FILES } from '../../src/lib/data/cats-dogs';
import { RULES, score, vote } from '../../src/lib/models/rules/cat-dog-rules';
import { loadCnn, predictProbabilities } from '../../src/lib/models/cnn/cnn';

export const test = decodePhotoSet(new Uint8Array(readFileSync(`static/data/${SPLIT_FILES.test}`)), 'test');
const net = loadCnn(new Uint8Array(readFileSync('static/models/cnn.safetensors')));
export const metrics = JSON.parse(readFileSync('static/models/cnn-metrics.json', 'utf8'));

export function rulesAccuracy(weights: number[]): string {
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const p = photo(test, i);
    const guess = score(RULES.map((r) => vote(r, r.detector(p))), weights) > 0 ? 1 : 0;
    if (guess === test.labels[i]) correct++;
  }
  return `${((100 * correct) / test.count).toFixed(1)}%`;
}

export function cnnVerdict(pixels: Uint8Array): { prediction: string; probability: string } {
  const p = predictProbabilities(net, pixels, 1);
  const cls = p[1] > p[0] ? 1 : 0;
  return { prediction: CLASS_NAMES[cls], probability: `${(100 * p[cls]).toFixed(1)}%` };
}

// A minimal PNG encoder (8-bit RGB, no filtering), so the test makes its own image file.
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
/** A PNG of `rows` (each already packed for the IHDR's bit depth and colour type), unfiltered. */
function pngOf(width: number, height: number, bitDepth: number, colourType: number, rows: (y: number) => Uint8Array): Buffer {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([bitDepth, colourType, 0, 0, 0], 8);
  const rowBytes = rows(0).length;
  const raw = Buffer.alloc(height * (1 + rowBytes));
  for (let y = 0; y < height; y++) raw.set(rows(y), y * (1 + rowBytes) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

/** 8-bit RGB. */
export function png(width: number, height: number, rgb: Uint8Array): Buffer {
  return pngOf(width, height, 8, 2, (y) => rgb.subarray(y * width * 3, (y + 1) * width * 3));
}

/**
 * A huge black-and-white PNG, cheaply (1 bit a pixel: 8 MB before compression for 8000×8000, a
 * few kB after): black above the middle row, white below.
 */
export function hugePng(side: number): Buffer {
  const black = new Uint8Array(Math.ceil(side / 8)), white = new Uint8Array(black.length).fill(0xff);
  return pngOf(side, side, 1, 0, (y) => (y < side / 2 ? black : white));
}
