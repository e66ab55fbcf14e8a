// Figure 7b's pictures of the network's insides (models/cnn/tile-images.ts): the sheet's size with
// its one-pixel gaps, each map scaled to its own range, and a filter's sign as colour.
import { describe, expect, it } from 'vitest';
import { filterTiles, mapTiles } from '$lib/models/cnn/tile-images';

const pixel = (img: { width: number; rgba: Uint8ClampedArray }, x: number, y: number) => [...img.rgba.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('tile images', () => {
  it('lays out channels in rows with one-pixel gaps, each scaled to its own range', () => {
    // Two channels of 2×2, interleaved [h, w, c]: channel 0 runs 0..3, channel 1 runs 10..40.
    const data = new Float32Array([0, 10, 1, 20, 2, 30, 3, 40]);
    const img = mapTiles(data, 2, 2, 2, 2, false);
    expect([img.width, img.height]).toEqual([5, 2]);
    expect(pixel(img, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(img, 1, 1)).toEqual([255, 255, 255, 255]);
    expect(pixel(img, 2, 0)).toEqual([0, 0, 0, 0]); // the gap stays empty
    expect(pixel(img, 3, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(img, 4, 1)).toEqual([255, 255, 255, 255]);
  });

  it('draws a filter that adds red as red and one that subtracts it as cyan, zero as mid-grey', () => {
    const count = 2;
    const filters = new Float32Array(27 * count);
    filters[0 * count + 0] = 1; // filter 0: +red at its top-left pixel
    filters[0 * count + 1] = -1; // filter 1: −red there
    const img = filterTiles(filters, count, 8);
    expect([img.width, img.height]).toEqual([31, 3]);
    expect(pixel(img, 0, 0)).toEqual([255, 128, 128, 255]);
    expect(pixel(img, 4, 0)).toEqual([0, 128, 128, 255]);
  });
});
