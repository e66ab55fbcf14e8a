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

/** For every source index 0…side−1: the output cells it falls in, with the overlap (coverage inverted). */
function bySource(side: number, n: number): { cell: number; weight: number }[][] {
  const out: { cell: number; weight: number }[][] = Array.from({ length: side }, () => []);
  coverage(side, n).forEach((parts, cell) => parts.forEach(({ index, weight }) => out[index].push({ cell, weight })));
  return out;
}

/**
 * Area averaging of a side×side square to n×n, fed a band of rows at a time: a 50-megapixel photo
 * then never needs a second full-size copy of its pixels (the caller reads it band by band).
 */
export class AreaAverager {
  private readonly sums: Float64Array;
  private readonly cols: { cell: number; weight: number }[][];
  private readonly rows: { cell: number; weight: number }[][];

  constructor(
    readonly side: number,
    readonly n = 32
  ) {
    if (!(side > 0)) throw new Error('AreaAverager: the square has no pixels');
    this.sums = new Float64Array(n * n * 3);
    this.rows = this.cols = bySource(side, n);
  }

  /**
   * Adds `band.height` rows of the square, starting at row `top`; the square's columns are the
   * band's columns x0…x0+side−1 (so a whole uncropped image can be passed with its crop offset).
   */
  add(band: Rgba, top: number, x0 = 0): void {
    const { data, width } = band;
    const { n, sums } = this;
    for (let r = 0; r < band.height; r++) {
      for (const row of this.rows[top + r]) {
        for (let x = 0; x < this.side; x++) {
          const p = (r * width + x0 + x) * 4;
          const alpha = data[p + 3] / 255;
          const red = alpha * data[p] + (1 - alpha) * 255, green = alpha * data[p + 1] + (1 - alpha) * 255, blue = alpha * data[p + 2] + (1 - alpha) * 255;
          for (const col of this.cols[x]) {
            const w = row.weight * col.weight, o = (row.cell * n + col.cell) * 3;
            sums[o] += w * red;
            sums[o + 1] += w * green;
            sums[o + 2] += w * blue;
          }
        }
      }
    }
  }

  /** The n×n RGB bytes (row by row, R,G,B) once every row has been added. */
  result(): Uint8Array {
    const area = (this.side / this.n) ** 2;
    return Uint8Array.from(this.sums, (v) => Math.min(255, Math.max(0, Math.round(v / area))));
  }
}

/** Centre-crops and area-averages an RGBA image to size×size RGB bytes (row by row, R,G,B). */
export function centreCropResize(image: Rgba, size = 32): Uint8Array {
  const { width, height, data } = image;
  if (!(width > 0 && height > 0)) throw new Error('centreCropResize: the image has no pixels');
  if (data.length !== width * height * 4) throw new Error('centreCropResize: data does not match width × height × 4');
  const { x, y, side } = centreSquare(width, height);
  const averager = new AreaAverager(side, size);
  const rowBytes = width * 4;
  averager.add({ data: data.subarray(y * rowBytes, (y + side) * rowBytes), width, height: side }, 0, x);
  return averager.result();
}
