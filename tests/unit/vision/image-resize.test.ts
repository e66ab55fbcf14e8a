// Centre-crop and area-average resize against direct computations on images built here.
import { describe, expect, it } from 'vitest';
import { AreaAverager, centreCropResize, centreSquare, coverage } from '$lib/models/images/image-resize';

function rgba(width: number, height: number, fill: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(fill(x, y), (y * width + x) * 4);
  return { data, width, height };
}
const value = (x: number, y: number) => (x * 7 + y * 13) % 256;

describe('centreCropResize', () => {
  it('64×64 → 32×32 averages each 2×2 block', () => {
    const img = rgba(64, 64, (x, y) => [value(x, y), 255 - value(x, y), (x * y) % 256, 255]);
    const out = centreCropResize(img);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) {
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) s += img.data[((2 * r + dy) * 64 + 2 * c + dx) * 4 + k];
        expect(out[(r * 32 + c) * 3 + k]).toBe(Math.round(s / 4));
      }
    }
  });

  it('crops a wide image to its centre square', () => {
    // 96×32: the centre square is columns 32–63; mark them, and paint the sides differently.
    const img = rgba(96, 32, (x) => (x >= 32 && x < 64 ? [10, 20, 30, 255] : [250, 250, 250, 255]));
    expect(centreSquare(96, 32)).toEqual({ x: 32, y: 0, side: 32 });
    const out = centreCropResize(img);
    for (let i = 0; i < 1024; i++) expect([out[i * 3], out[i * 3 + 1], out[i * 3 + 2]]).toEqual([10, 20, 30]);
  });

  it('48×48 (1.5 source pixels per output pixel) equals averaging a 2× upsampled copy in 3×3 blocks', () => {
    const img = rgba(48, 48, (x, y) => [value(x, y), (x * 5) % 256, (y * 9) % 256, 255]);
    const out = centreCropResize(img);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) {
        const y = Math.floor((3 * r + dy) / 2), x = Math.floor((3 * c + dx) / 2);
        s += img.data[(y * 48 + x) * 4 + k];
      }
      expect(out[(r * 32 + c) * 3 + k]).toBe(Math.round(s / 9));
    }
  });

  it('shows transparent pixels against white, and a tiny image is enlarged, not failed', () => {
    expect(Array.from(centreCropResize(rgba(32, 32, () => [0, 0, 0, 0])).slice(0, 3))).toEqual([255, 255, 255]);
    const out = centreCropResize(rgba(2, 2, (x) => (x === 0 ? [0, 0, 0, 255] : [200, 200, 200, 255])));
    expect([out[0], out[31 * 3]]).toEqual([0, 200]);
  });

  it('coverage weights of every output cell add up to side / n', () => {
    for (const side of [7, 32, 45, 1000]) {
      for (const cell of coverage(side, 32)) expect(cell.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(side / 32, 9);
    }
  });

  it('refuses data that does not match its size', () => {
    expect(() => centreCropResize({ data: new Uint8ClampedArray(10), width: 4, height: 4 })).toThrow();
  });
});

describe('AreaAverager', () => {
  it('fed in bands of any height, gives what centreCropResize gives for the whole image', () => {
    for (const [w, h] of [[100, 75], [75, 100], [33, 33], [10, 17]]) {
      const img = rgba(w, h, (x, y) => [value(x, y), (x * 3) % 256, (y * 11) % 256, (x + y) % 7 === 0 ? 128 : 255]);
      const whole = centreCropResize(img);
      const { x, y, side } = centreSquare(w, h);
      for (const band of [1, 7, side]) {
        const averager = new AreaAverager(side);
        for (let top = 0; top < side; top += band) {
          const rows = Math.min(band, side - top);
          const data = new Uint8ClampedArray(side * rows * 4);
          for (let r = 0; r < rows; r++) data.set(img.data.subarray(((y + top + r) * w + x) * 4, ((y + top + r) * w + x + side) * 4), r * side * 4);
          averager.add({ data, width: side, height: rows }, top);
        }
        expect(averager.result()).toEqual(whole);
      }
    }
  });
});
