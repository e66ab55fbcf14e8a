import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addColumnSums, gemm } from '../../../src/lib/engine/kernels/gemm';
import { simdModuleBytes } from '../../../src/lib/engine/kernels/simd';
import { setSimdEnabled, workspace } from '../../../src/lib/engine/kernels/workspace';
import { randomArray, refGemm, worstError } from './kernels-reference';

afterEach(() => setSimdEnabled(true));

/**
 * Relative error bound of a K-term float32 dot product against Σ|terms|: (K + 2) unit roundoffs
 * (K − 1 additions, one product, one final rounding, one for an accumulated C).
 */
const f32Bound = (K: number): number => (K + 2) * 2 ** -24;

describe('WebAssembly SIMD module', () => {
  it('validates, is small enough to compile synchronously on a browser main thread, and is used', () => {
    const bytes = simdModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
    expect(workspace().simd).toBe(true); // Node 20 has SIMD: the fast path must actually run here
  });
});

/** Runs gemm on operands placed at an offset inside bigger arrays, and checks the untouched parts. */
function check(
  M: number, N: number, K: number, transA: boolean, transB: boolean, accumulate: boolean,
  seed: number, simd: boolean
): void {
  setSimdEnabled(simd);
  const pad = 3;
  const A = randomArray(M * K + 2 * pad, seed);
  const B = randomArray(K * N + 2 * pad, seed + 1);
  const Cbig = randomArray(M * N + 2 * pad, seed + 2);
  const C0 = Cbig.slice(pad, pad + M * N);
  const before = Cbig.slice();
  gemm(A, pad, B, pad, Cbig, pad, M, N, K, transA, transB, accumulate);
  const { C, scale } = refGemm(
    A.subarray(pad, pad + M * K), B.subarray(pad, pad + K * N), M, N, K, transA, transB, accumulate ? C0 : null
  );
  expect(worstError(Cbig.subarray(pad, pad + M * N), C, scale, f32Bound(K), 1e-7)).toBeLessThanOrEqual(1);
  // nothing written outside C's slice
  expect(Array.from(Cbig.subarray(0, pad))).toEqual(Array.from(before.subarray(0, pad)));
  expect(Array.from(Cbig.subarray(pad + M * N))).toEqual(Array.from(before.subarray(pad + M * N)));
}

describe('gemm matches the definition', () => {
  const dims = fc.record({
    M: fc.integer({ min: 1, max: 37 }),
    N: fc.integer({ min: 1, max: 37 }),
    K: fc.integer({ min: 1, max: 41 }),
    transA: fc.boolean(),
    transB: fc.boolean(),
    accumulate: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1e9 })
  });
  for (const simd of [true, false]) {
    it(`random shapes, transposes, offsets, accumulate (${simd ? 'SIMD' : 'TypeScript'} path)`, () => {
      fc.assert(
        fc.property(dims, (d) => check(d.M, d.N, d.K, d.transA, d.transB, d.accumulate, d.seed, simd)),
        { numRuns: 150 }
      );
    });
  }

  it('long reductions (K sliced into several SIMD passes) and large products', () => {
    check(9, 13, 1100, false, false, false, 1, true);
    check(9, 13, 1100, true, true, true, 2, true);
    check(130, 70, 60, false, true, false, 3, true);
    check(130, 70, 60, false, true, false, 3, false);
  });

  it('matrix times vector (N = 1), every storage order', () => {
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
      check(154, 1, 16, tA, tB, false, 4, true);
      check(16, 1, 154, tA, tB, true, 5, true);
      check(7, 1, 1, tA, tB, true, 6, true);
    }
  });

  it('K = 0 gives zeros (or leaves C alone when accumulating)', () => {
    const C = new Float32Array([1, 2, 3, 4]);
    gemm(new Float32Array(0), 0, new Float32Array(0), 0, C, 0, 2, 2, 0, false, false, true);
    expect(Array.from(C)).toEqual([1, 2, 3, 4]);
    gemm(new Float32Array(0), 0, new Float32Array(0), 0, C, 0, 2, 2, 0);
    expect(Array.from(C)).toEqual([0, 0, 0, 0]);
  });
});

describe('workspace products', () => {
  it('read strided operands in place, on both paths', () => {
    for (const simd of [true, false]) {
      setSimdEnabled(simd);
      const M = 8, N = 16, K = 5;
      const A = randomArray(K * M, 7); // stored K×M: op(A) = Aᵀ, read with si = 1, sk = M
      const B = randomArray(K * N, 8);
      const ws = workspace();
      const w = ws.reserve(K * M + K * N + M * N);
      w.set(A, 0);
      w.set(B, K * M);
      ws.gemm(0, 1, M, K * M, N, K * M + K * N, N, M, N, K, false);
      const { C, scale } = refGemm(A, B, M, N, K, true, false, null);
      const got = ws.reserve(0).subarray(K * M + K * N, K * M + K * N + M * N);
      expect(worstError(got, C, scale, f32Bound(K), 1e-7)).toBeLessThanOrEqual(1);
    }
  });
});

describe('column sums (a dense layer\'s bias gradient)', () => {
  it('give exactly the floats of the row-order float32 loop, on the SIMD path and below it', () => {
    for (const [rows, N] of [[154, 16], [300, 9], [5, 3]]) {
      const G = randomArray(rows * N, rows), out0 = randomArray(N, N);
      const want = out0.slice();
      for (let r = 0; r < rows; r++) for (let j = 0; j < N; j++) want[j] += G[r * N + j];
      const got = out0.slice();
      addColumnSums(G, rows, N, got, new Float32Array(rows).fill(1));
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });
});

describe('one-column products (the float64 WebAssembly gemv)', () => {
  it('give exactly the floats of the TypeScript gemv, every storage order, odd and even sizes', () => {
    for (const [M, K] of [[154, 16], [16, 154], [7, 301], [33, 65]]) {
      for (const [transA, transB, accumulate] of [[false, false, false], [true, false, true], [false, true, true], [true, true, false]]) {
        const A = randomArray(M * K + 3, M), B = randomArray(K + 3, K), C0 = randomArray(M + 3, M + K);
        const run = (simd: boolean): Float32Array => {
          setSimdEnabled(simd);
          const C = C0.slice();
          gemm(A, 1, B, 2, C, 3, M, 1, K, transA, transB, accumulate);
          return C;
        };
        expect(Array.from(run(true))).toEqual(Array.from(run(false)));
      }
    }
  });
});
