/**
 * A reader's own picture → the network's 32×32 input: crop the largest centred square, then shrink
 * it by area averaging — each output pixel is the mean of the source area it covers, with source
 * pixels cut by an output pixel's boundary counted by the fraction that falls inside. (Plain
 * point-sampling would keep one source pixel in every n and alias fine patterns; the browser's own
 * canvas scaling differs between browsers.) Transparent pixels are composited over white.
 */
export interface Rgba {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** The largest centred square: its top-left corner and side, in source pixels. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/**
 * For each of `n` output cells over `side` source pixels: which source pixels it covers and with
 * what weight (the length of the overlap, in source pixels; the weights of one cell sum to side / n).
 */
export function coverage(side: number, n: number): { index: number; weight: number }[][] {
  const cell = side / n;
  const cells: { index: number; weight: number }[][] = [];
  for (let i = 0; i < n; i++) {
    const from = i * cell, to = (i + 1) * cell;
    const parts: { index: number; weight: number }[] = [];
    for (let s = Math.floor(from); s < Math.min(side, Math.ceil(to)); s++) {
      const w = Math.min(to, s + 1) - Math.max(from, s);
      if (w > 1e-9) parts.push({ index: s, weight: w });
    }
    cells.push(parts);
  }
  return cells;
}

/** Centre-crops and area-averages an RGBA image to size×size RGB bytes (row by row, R,G,B). */
export function centreCropResize(image: Rgba, size = 32): Uint8Array {
  const { width, height, data } = image;
  if (!(width > 0 && height > 0)) throw new Error('centreCropResize: the image has no pixels');
  if (data.length !== width * height * 4) throw new Error('centreCropResize: data does not match width × height × 4');
  const { x, y, side } = centreSquare(width, height);
  const cells = coverage(side, size);
  const area = (side / size) ** 2;
  const out = new Uint8Array(size * size * 3);
  const acc = [0, 0, 0];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (const row of cells[r]) {
        for (const col of cells[c]) {
          const w = row.weight * col.weight;
          const p = ((y + row.index) * width + (x + col.index)) * 4;
          const alpha = data[p + 3] / 255;
          for (let k = 0; k < 3; k++) acc[k] += w * (alpha * data[p + k] + (1 - alpha) * 255);
        }
      }
      const o = (r * size + c) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = Math.min(255, Math.max(0, Math.round(acc[k] / area)));
    }
  }
  return out;
}
