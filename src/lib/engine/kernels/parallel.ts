/**
 * The WebAssembly kernels split across the engine's threads (threads.ts), for the workspace
 * (workspace.ts) to call in place of the kernels themselves.
 *
 * Each split hands every output element to exactly one thread, which computes it with the same
 * sequence of operations as a single thread would, so results are bit-identical for any thread
 * count: a matrix product is split into blocks of whole output tiles (rows or columns, never the
 * reduction over k), im2col and col2im into whole images of the batch (an image's windows only
 * read, and its gradient only collects, that image). Work too small to repay waking a helper
 * stays on the calling thread.
 */
import { parallel, threadCount } from '../threads';
import type { ConvGeometry } from './conv-geometry';
import { MR, NR, type Simd } from './simd';

/** Long reductions are cut into slices of this many k so a slice of op(B) stays in cache. */
const KC = 512;
/**
 * Least work per thread worth a split: waking a helper and waiting for it costs tens of µs, the
 * time of about this many multiply-adds (2^18 ≈ 15 µs at 35 GFLOP/s) or moved floats.
 */
const MIN_MACS_PER_THREAD = 1 << 18;
const MIN_FLOATS_PER_THREAD = 1 << 15;

/** How many threads share `work` units split into at most `pieces` pieces. */
function threadsFor(work: number, perThread: number, pieces: number): number {
  return Math.max(1, Math.min(threadCount(), pieces, Math.floor(work / perThread)));
}

/** Part `part` of `parts` of 0 … items − 1, as [first, end). */
function span(items: number, part: number, parts: number): [number, number] {
  return [Math.floor((items * part) / parts), Math.floor((items * (part + 1)) / parts)];
}

/** The longest part's share relative to an even share (1 = perfectly even). */
const imbalance = (items: number, parts: number): number => Math.ceil(items / parts) / (items / parts);

/** The product on one thread, k in slices of KC (accumulating after the first: same sums as one pass). */
function gemmSlices(
  k: Simd, a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
  M: number, N: number, K: number, accumulate: boolean
): void {
  for (let k0 = 0; k0 < K; k0 += KC) {
    k.gemm(a + k0 * sk, si, sk, b + k0 * ldb, ldb, c, ldc, M, N, Math.min(KC, K - k0), accumulate || k0 > 0);
  }
}

/** Simd.gemm (M % MR == 0, N % NR == 0), split by output rows or columns, whichever splits more evenly. */
export function gemm(
  a: number, si: number, sk: number, b: number, ldb: number, c: number, ldc: number,
  M: number, N: number, K: number, accumulate: boolean
): void {
  const tilesM = M / MR, tilesN = N / NR;
  const parts = threadsFor(M * N * K, MIN_MACS_PER_THREAD, Math.max(tilesM, tilesN));
  const byRows = imbalance(tilesM, parts) <= imbalance(tilesN, parts);
  parallel(parts, (kernels, part) => {
    if (byRows) {
      const [t0, t1] = span(tilesM, part, parts);
      gemmSlices(kernels, a + t0 * MR * si, si, sk, b, ldb, c + t0 * MR * ldc, ldc, (t1 - t0) * MR, N, K, accumulate);
    } else {
      const [t0, t1] = span(tilesN, part, parts);
      gemmSlices(kernels, a, si, sk, b + t0 * NR, ldb, c + t0 * NR, ldc, M, (t1 - t0) * NR, K, accumulate);
    }
  });
}

/** Runs `each(kernels, slice, n0)` on consecutive slices of the batch's images, one per thread. */
function byImages(g: ConvGeometry, floats: number, each: (kernels: Simd, slice: ConvGeometry, n0: number) => void): void {
  const parts = threadsFor(floats, MIN_FLOATS_PER_THREAD, g.N);
  parallel(parts, (kernels, part) => {
    const [n0, n1] = span(g.N, part, parts);
    if (n1 > n0) each(kernels, { ...g, N: n1 - n0 }, n0);
  });
}

/** Simd.im2col, split by images. */
export function im2col(g: ConvGeometry, x: number, col: number, ld: number): void {
  const rows = g.OH * g.OW;
  byImages(g, g.N * rows * ld, (kernels, slice, n0) =>
    kernels.im2col(slice, x + n0 * g.H * g.W * g.C, col + n0 * rows * ld, ld));
}

/** Simd.col2im, split by images (each image's gradient only collects its own windows). */
export function col2im(g: ConvGeometry, col: number, ld: number, dx: number): void {
  const rows = g.OH * g.OW;
  byImages(g, g.N * rows * ld, (kernels, slice, n0) =>
    kernels.col2im(slice, col + n0 * rows * ld, ld, dx + n0 * g.H * g.W * g.C));
}
