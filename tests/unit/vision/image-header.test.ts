// Sniffing a reader's file from its first bytes: headers built here byte by byte from the formats'
// specifications.
import { describe, expect, it } from 'vitest';
import { pngIsComplete, sniffImage } from '$lib/models/images/image-header';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const le16 = (v: number) => [v & 255, (v >>> 8) & 255];
const le24 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255];
const le32 = (v: number) => [...le16(v & 0xffff), ...le16(v >>> 16)];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffImage', () => {
  it('reads a PNG header, up to the format\'s 2³¹−1 limit', () => {
    const png = (w: number, h: number) => bytes(PNG_SIGNATURE, be32(13), 'IHDR', be32(w), be32(h), [8, 2, 0, 0, 0]);
    expect(sniffImage(png(8000, 6000))).toEqual({ kind: 'png', width: 8000, height: 6000 });
    expect(sniffImage(png(2 ** 31 - 1, 1))).toEqual({ kind: 'png', width: 2 ** 31 - 1, height: 1 });
  });

  it('walks a JPEG\'s segments (an APP1 block first) to its start-of-frame', () => {
    const app1 = [0xff, 0xe1, (302 >> 8) & 255, 302 & 255, ...new Array(300).fill(7)]; // length counts its own 2 bytes
    const sof2 = [0xff, 0xc2, 0, 17, 8, ...[(4000 >> 8) & 255, 4000 & 255], ...[(6000 >> 8) & 255, 6000 & 255], 3];
    const jpeg = bytes([0xff, 0xd8], app1, [0xff, 0xc4, 0, 4, 1, 2], sof2, new Array(20).fill(0));
    expect(sniffImage(jpeg)).toEqual({ kind: 'jpeg', width: 6000, height: 4000 });
    // A JPEG whose frame header lies beyond the bytes given: known as JPEG-ish, size unknown.
    expect(sniffImage(bytes([0xff, 0xd8], app1.slice(0, 40)))).toEqual({ kind: 'unknown' });
  });

  it('reads GIF, BMP (negative height = top-down) and the three kinds of WebP', () => {
    expect(sniffImage(bytes('GIF89a', le16(640), le16(480), [0, 0, 0]))).toEqual({ kind: 'gif', width: 640, height: 480 });
    expect(sniffImage(bytes('BM', new Array(16).fill(0), le32(300), le32(-200 >>> 0), [1, 0, 24, 0]))).toEqual({ kind: 'bmp', width: 300, height: 200 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', le32(100), 'WEBP', chunk, le32(body.length), body);
    // VP8 (lossy): frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    expect(sniffImage(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(1024), ...le16(768), 0, 0]))).toEqual({ kind: 'webp', width: 1024, height: 768 });
    // VP8L (lossless): signature 0x2f, then width−1 and height−1 in 14 bits each.
    const w = 1000 - 1, h = 500 - 1, packed = w | (h << 14);
    expect(sniffImage(riff('VP8L', [0x2f, packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255, (packed >>> 24) & 255]))).toEqual({ kind: 'webp', width: 1000, height: 500 });
    // VP8X (extended): flags, 3 reserved bytes, then width−1 and height−1 in 24 bits each.
    expect(sniffImage(riff('VP8X', [0, 0, 0, 0, ...le24(12000 - 1), ...le24(9000 - 1)]))).toEqual({ kind: 'webp', width: 12000, height: 9000 });
  });

  it('tells an SVG (even one named .png) and plain text from images, and leaves other binaries to the decoder', () => {
    expect(sniffImage(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(bytes('<SVG width="4">'))).toEqual({ kind: 'svg' });
    expect(sniffImage(bytes('just some text, not pixels\n'))).toEqual({ kind: 'text' });
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypavif', new Array(20).fill(0)))).toEqual({ kind: 'unknown' }); // AVIF: Chromium decodes it
    expect(sniffImage(bytes([0, 0, 0, 0x18], 'ftypheic', new Array(20).fill(0)))).toEqual({ kind: 'heic' });
    expect(sniffImage(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });

  it('knows a TIFF in both byte orders (and BigTIFF), and nothing else that starts II or MM', () => {
    // Byte order, 42 in that order, then the offset of the first directory (8: right after).
    expect(sniffImage(bytes('II', le16(42), le32(8), new Array(20).fill(0)))).toEqual({ kind: 'tiff' });
    expect(sniffImage(bytes('MM', [0, 42], be32(8), new Array(20).fill(0)))).toEqual({ kind: 'tiff' });
    expect(sniffImage(bytes('II', le16(43), le16(8), le16(0), new Array(20).fill(0)))).toEqual({ kind: 'tiff' });
    // 42 in the wrong byte order, or a header cut before the directory offset: not a TIFF.
    expect(sniffImage(bytes('II', [0, 42], le32(8), [0, 0]))).toEqual({ kind: 'unknown' });
    expect(sniffImage(bytes('MM', [0, 42]))).toEqual({ kind: 'unknown' });
    expect(sniffImage(bytes('MM*, the letters of a note\n'))).toEqual({ kind: 'text' });
  });
});

describe('pngIsComplete', () => {
  const iend = [0, 0, 0, 0, ...[...'IEND'].map((c) => c.charCodeAt(0)), 0xae, 0x42, 0x60, 0x82];
  it('finds the IEND chunk at the end, and not in a file cut short', () => {
    expect(pngIsComplete(Uint8Array.from([1, 2, 3, ...iend]))).toBe(true);
    expect(pngIsComplete(Uint8Array.from([1, 2, 3, ...iend.slice(0, -1)]))).toBe(false);
    expect(pngIsComplete(Uint8Array.from(new Array(64).fill(9)))).toBe(false);
  });
});
