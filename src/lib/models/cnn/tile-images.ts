/**
 * A network's insides as pictures, in plain RGBA bytes (the figure puts them on a canvas): a stack
 * of maps [H, W, C] as grey tiles, one per channel (a layer's feature maps, or a saliency map in a
 * colour ramp), and the first layer's 3×3 colour filters [3, 3, 3, n] as tiles. Tiles are laid out
 * `columns` to a row with a one-pixel gap.
 */

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

const GAP = 1;

/** An empty image for `count` tiles of `h` × `w`, and where tile `k`'s top-left pixel is. */
function tileSheet(count: number, h: number, w: number, columns: number) {
  const rows = Math.ceil(count / columns);
  const width = columns * (w + GAP) - GAP,
    height = rows * (h + GAP) - GAP;
  const image: RgbaImage = { width, height, rgba: new Uint8ClampedArray(width * height * 4) };
  const origin = (k: number) => [(k % columns) * (w + GAP), Math.floor(k / columns) * (h + GAP)];
  return { image, origin };
}

/**
 * Each channel of `data` [h, w, channels] scaled to its own range, so faint channels stay visible;
 * grey, or with `tint` in the highlight ramp (dark blue → orange → pale yellow) for saliency.
 */
export function mapTiles(data: Float32Array, h: number, w: number, channels: number, columns: number, tint: boolean): RgbaImage {
  const { image, origin } = tileSheet(channels, h, w, columns);
  for (let k = 0; k < channels; k++) {
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < h * w; i++) {
      const v = data[i * channels + k];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo || 1;
    const [x0, y0] = origin(k);
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        const t = (data[(r * w + c) * channels + k] - lo) / span;
        const o = ((y0 + r) * image.width + x0 + c) * 4;
        if (tint) {
          image.rgba[o] = 20 + 235 * Math.min(1, t * 1.6);
          image.rgba[o + 1] = 20 + 200 * t * t;
          image.rgba[o + 2] = 60 + 80 * t * t * t;
        } else {
          image.rgba[o] = image.rgba[o + 1] = image.rgba[o + 2] = 255 * t;
        }
        image.rgba[o + 3] = 255;
      }
  }
  return image;
}

/**
 * The first layer's filters [3, 3, 3, count] as colour tiles of 3×3 pixels. Each filter is scaled
 * on its own so that 0 is mid-grey and its largest weight in absolute value reaches 0 or 255: a
 * filter that adds up red shows red, one that subtracts it shows cyan.
 */
export function filterTiles(filters: Float32Array, count: number, columns: number): RgbaImage {
  const { image, origin } = tileSheet(count, 3, 3, columns);
  for (let f = 0; f < count; f++) {
    let m = 1e-8;
    for (let i = 0; i < 27; i++) m = Math.max(m, Math.abs(filters[i * count + f]));
    const [x0, y0] = origin(f);
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        const o = ((y0 + r) * image.width + x0 + c) * 4;
        for (let ch = 0; ch < 3; ch++) image.rgba[o + ch] = 127.5 + (127.5 * filters[((r * 3 + c) * 3 + ch) * count + f]) / m;
        image.rgba[o + 3] = 255;
      }
  }
  return image;
}
