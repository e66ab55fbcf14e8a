/**
 * What a reader's file is, from its first bytes, before anything decodes it: the image formats a
 * browser reads with their width and height (so a 30 000 × 30 000 "decompression bomb" is refused
 * without allocating gigabytes), an SVG drawing (never decoded here: it can carry script), text
 * (a file renamed .png), or unknown (left to the browser's decoder to try).
 */
export type Sniffed =
  | { kind: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp'; width: number; height: number }
  /**
   * heic: an iPhone photo's usual format; tiff: what scanners and some
   * photo editors save. Safari decodes both; Chromium and Firefox decode neither.
   */
  | { kind: 'svg' | 'text' | 'heic' | 'tiff' | 'unknown' };

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** Width and height from a JPEG's first start-of-frame segment, walking the segments before it. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    return { width: 1 + (b[21] | ((b[22] & 0x3f) << 8)), height: 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10)) };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return null;
}

/** No control characters other than tab, newline, form feed and carriage return. */
function looksLikeText(b: Uint8Array): boolean {
  return b.length > 0 && b.every((x) => x >= 0x20 || x === 9 || x === 10 || x === 12 || x === 13);
}

/** Sniff a file from its first bytes (a few hundred kilobytes is plenty for a JPEG's header). */
export function sniffImage(head: Uint8Array): Sniffed {
  const b = head;
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a && ascii(b, 12, 4) === 'IHDR') {
    return { kind: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b);
    return size ? { kind: 'jpeg', ...size } : { kind: 'unknown' };
  }
  if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') return { kind: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const size = webpSize(b);
    return size ? { kind: 'webp', ...size } : { kind: 'unknown' };
  }
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { kind: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  // ISO base media files (HEIC, AVIF …) name their brand after "ftyp" at byte 4.
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(ascii(b, 8, 4))) return { kind: 'heic' };
  // TIFF opens with its byte order, "II" (Intel, little-endian) or "MM" (Motorola, big-endian),
  // then the number 42 written in that order (43 for BigTIFF).
  const order = b.length >= 8 ? ascii(b, 0, 2) : '';
  const version = order === 'II' ? u16le(b, 2) : order === 'MM' ? u16be(b, 2) : 0;
  if (version === 42 || version === 43) return { kind: 'tiff' };
  const start = b.subarray(0, 4096);
  if (looksLikeText(start.subarray(0, 512))) {
    return /<svg[\s>]/i.test(new TextDecoder().decode(start)) ? { kind: 'svg' } : { kind: 'text' };
  }
  return { kind: 'unknown' };
}

/** Does a PNG's last chunk, IEND, survive at the end of the file (i.e. was it not cut short)? */
export function pngIsComplete(tail: Uint8Array): boolean {
  const iend = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]; // "IEND" and its fixed CRC
  for (let i = tail.length - iend.length; i >= 0; i--) {
    if (iend.every((x, k) => tail[i + k] === x)) return true;
  }
  return false;
}
