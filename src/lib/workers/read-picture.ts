/**
 * A reader's picture (a file, or a camera frame) → the network's 32×32 input, or one sentence
 * saying why not. Runs in figure 7b's worker. The file's header is read first, so what cannot or
 * must not be decoded (text renamed .png, an SVG, a PNG cut short, an image too large to hold) is
 * refused before any decoding; a large photo is then read band by band and averaged down, never
 * copied whole a second time.
 */
import { AreaAverager, centreSquare } from '$lib/models/images/image-resize';
import { pngIsComplete, sniffImage } from '$lib/models/images/image-header';
import { MAX_FILE_BYTES, MAX_IMAGE_PIXELS } from './cnn-inspect-protocol';

export interface PictureResult {
  pixels: Uint8Array | null;
  message: string;
}

/** Pixels read per band: 16 MB of RGBA at a time, whatever the photo's size. */
const BAND_PIXELS = 4e6;
const SIZE = 32;

/** "640 × 480 pixels", with the megapixels from one on: "8000 × 8000 pixels (64 megapixels)". */
function describeSize(w: number, h: number): string {
  const mp = (w * h) / 1e6;
  return `${w} × ${h} pixels${mp >= 1 ? ` (${mp.toFixed(mp < 10 ? 1 : 0)} megapixels)` : ''}`;
}

/** The centre square of a decoded picture, area-averaged to 32×32 RGB bytes, band by band. */
export function bitmapTo32(bitmap: ImageBitmap): Uint8Array {
  const { x, y, side } = centreSquare(bitmap.width, bitmap.height);
  const band = Math.max(1, Math.min(side, Math.floor(BAND_PIXELS / side)));
  const canvas = new OffscreenCanvas(side, band);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser cannot read image pixels here');
  const averager = new AreaAverager(side, SIZE);
  for (let top = 0; top < side; top += band) {
    const rows = Math.min(band, side - top);
    ctx.clearRect(0, 0, side, band); // transparent pixels must not show the band before
    ctx.drawImage(bitmap, x, y + top, side, rows, 0, 0, side, rows);
    averager.add(ctx.getImageData(0, 0, side, rows), top);
  }
  return averager.result();
}

export function readFrame(frame: ImageBitmap): PictureResult {
  const { width, height } = frame;
  try {
    return { pixels: bitmapTo32(frame), message: `Took a picture with the camera: ${describeSize(width, height)}, cropped to its centre square and averaged down to 32 × 32.` };
  } finally {
    frame.close();
  }
}

export async function readPictureFile(file: Blob): Promise<PictureResult> {
  const fail = (message: string): PictureResult => ({ pixels: null, message });
  if (file.size === 0) return fail('That file is empty (0 bytes): there is no picture in it.');
  if (file.size > MAX_FILE_BYTES) {
    return fail(`That file is ${(file.size / 1e6).toFixed(0)} MB; pick an image under ${MAX_FILE_BYTES / 1e6} MB.`);
  }
  const head = new Uint8Array(await file.slice(0, 512 * 1024).arrayBuffer());
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'svg' || file.type === 'image/svg+xml') {
    return fail('That is an SVG drawing. Drawings are not read here (an SVG can carry a script); use a photo: PNG, JPEG, WebP, GIF or BMP.');
  }
  if (sniffed.kind === 'text') return fail('That file holds text, not an image, whatever its name says.');
  if (sniffed.kind === 'unknown' && file.type && !file.type.startsWith('image/')) {
    return fail(`That is not an image (its type is ${file.type}).`);
  }
  const tooLarge = (w: number, h: number) =>
    fail(`That image is ${describeSize(w, h)}; this page reads pictures up to ${MAX_IMAGE_PIXELS / 1e6} megapixels. Shrink it first, or pick another.`);
  if ('width' in sniffed) {
    if (sniffed.width * sniffed.height > MAX_IMAGE_PIXELS) return tooLarge(sniffed.width, sniffed.height);
    if (sniffed.width === 0 || sniffed.height === 0) return fail('That image says it has no pixels; the file is damaged.');
  }
  if (sniffed.kind === 'png' && !pngIsComplete(new Uint8Array(await file.slice(Math.max(0, file.size - 64)).arrayBuffer()))) {
    return fail('That PNG is cut short: its end is missing, so it was probably damaged while copying or downloading.');
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    if (sniffed.kind === 'heic') {
      return fail('That is a HEIC photo (the iPhone\'s usual format), which this browser cannot decode. Save or share it as a JPEG and try again.');
    }
    if (sniffed.kind === 'tiff') {
      return fail('That is a TIFF picture, which this browser cannot decode. Save it as a PNG or a JPEG (any photo or image editor can) and try again.');
    }
    return fail('That file could not be read as an image: it may be damaged, or not really an image.');
  }
  const { width, height } = bitmap;
  try {
    if (width * height > MAX_IMAGE_PIXELS) return tooLarge(width, height); // a format whose header we do not read
    return { pixels: bitmapTo32(bitmap), message: `Read your picture: ${describeSize(width, height)}, cropped to its centre square and averaged down to 32 × 32.` };
  } finally {
    bitmap.close();
  }
}
