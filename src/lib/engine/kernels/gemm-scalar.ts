/**
 * Plain-TypeScript matrix multiply, used for tiny products (where copying into WebAssembly memory
 * costs more than it saves) and wherever WebAssembly SIMD is unavailable.
 *
 * Shape of the loop, and why:
 * - op(B) is packed once per call into panels of 4 columns, k-major, so the inner loop reads B
 *   from one contiguous stream whatever its storage order (transB or not);
 * - C is computed in 2×4 tiles held in eight local variables: each loaded B value is used twice
 *   and each A value four times. Larger tiles (4×4, 2×8) measured slower here, because V8 then
 *   runs out of registers and spills accumulators to the stack;
 * - op(A) is read in place through its two strides, so a transposed A needs no copy.
 * This reaches about 4 GFLOP/s on one core here, against about 1 for the naive triple loop.
 */

let panel = new Float32Array(0);

/** Grows the packing scratch buffer only when a bigger product comes along (no per-call allocation). */
function scratch(n: number): Float32Array {
  if (panel.length < n) panel = new Float32Array(Math.max(n, panel.length * 2));
  return panel;
}

/**
 * C (+)= op(A)·op(B) with every operand addressed through strides:
 *   op(A)(i,k) = A[aOff + i*si + k*sk],  op(B)(k,j) = B[bOff + k*sbk + j*sbj],
 *   C(i,j) = C[cOff + i*ldc + j].
 * Row-major, transposed and padded layouts are all special cases, so gemm and the convolution
 * kernels share this one loop.
 */
export function gemmScalar(
  A: Float32Array, aOff: number, si: number, sk: number,
  B: Float32Array, bOff: number, sbk: number, sbj: number,
  C: Float32Array, cOff: number, ldc: number,
  M: number, N: number, K: number,
  accumulate: boolean
): void {
  if (N === 1) {
    gemv(A, aOff, si, sk, B, bOff, sbk, C, cOff, ldc, M, K, accumulate);
    return;
  }
  const panels = (N + 3) >> 2;
  const Bp = scratch(panels * K * 4);
  // Pack op(B)(k, j) into Bp[(j>>2)*K*4 + k*4 + (j&3)], zero-padding the last panel.
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jp * 4;
    const w = Math.min(4, N - j0);
    let o = jp * K * 4;
    for (let k = 0; k < K; k++, o += 4) {
      const src = bOff + k * sbk + j0 * sbj;
      for (let t = 0; t < 4; t++) Bp[o + t] = t < w ? B[src + t * sbj] : 0;
    }
  }
  let i = 0;
  for (; i + 1 < M; i += 2) {
    for (let jp = 0; jp < panels; jp++) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let p = jp * K * 4;
      let q = aOff + i * si;
      const r = si;
      for (let k = 0; k < K; k++, p += 4, q += sk) {
        const b0 = Bp[p], b1 = Bp[p + 1], b2 = Bp[p + 2], b3 = Bp[p + 3];
        let a = A[q];
        c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
        a = A[q + r];
        c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
      }
      const o = cOff + i * ldc + jp * 4;
      store(C, o, N - jp * 4, accumulate, c00, c01, c02, c03);
      store(C, o + ldc, N - jp * 4, accumulate, c10, c11, c12, c13);
    }
  }
  if (i < M) {
    for (let jp = 0; jp < panels; jp++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let p = jp * K * 4;
      let q = aOff + i * si;
      for (let k = 0; k < K; k++, p += 4, q += sk) {
        const a = A[q];
        c0 += a * Bp[p]; c1 += a * Bp[p + 1]; c2 += a * Bp[p + 2]; c3 += a * Bp[p + 3];
      }
      store(C, cOff + i * ldc + jp * 4, N - jp * 4, accumulate, c0, c1, c2, c3);
    }
  }
}

let rowSums = new Float64Array(0);

/**
 * N = 1 (a matrix times a vector, e.g. a dense layer with one output): the 4-column panels
 * would be three quarters padding, so walk op(A) in its storage order instead — dot products
 * along contiguous rows, or, when op(A)'s rows are strided (a transposed A), sweeps down its
 * contiguous columns into float64 running sums.
 */
function gemv(
  A: Float32Array, aOff: number, si: number, sk: number,
  B: Float32Array, bOff: number, sbk: number,
  C: Float32Array, cOff: number, ldc: number,
  M: number, K: number, accumulate: boolean
): void {
  if (sk === 1 || si !== 1) {
    for (let i = 0; i < M; i++) {
      let s0 = 0, s1 = 0;
      let q = aOff + i * si, p = bOff, k = 0;
      for (; k + 1 < K; k += 2, q += 2 * sk, p += 2 * sbk) {
        s0 += A[q] * B[p];
        s1 += A[q + sk] * B[p + sbk];
      }
      if (k < K) s0 += A[q] * B[p];
      const o = cOff + i * ldc;
      C[o] = accumulate ? C[o] + s0 + s1 : s0 + s1;
    }
    return;
  }
  if (rowSums.length < M) rowSums = new Float64Array(M);
  const acc = rowSums;
  acc.fill(0, 0, M);
  for (let k = 0; k < K; k++) {
    const b = B[bOff + k * sbk];
    const q = aOff + k * sk;
    for (let i = 0; i < M; i++) acc[i] += A[q + i] * b;
  }
  for (let i = 0; i < M; i++) {
    const o = cOff + i * ldc;
    C[o] = accumulate ? C[o] + acc[i] : acc[i];
  }
}

/** Writes (or adds) up to four results of a tile row; `w` is how many columns remain in C. */
function store(
  C: Float32Array, o: number, w: number, accumulate: boolean,
  x0: number, x1: number, x2: number, x3: number
): void {
  if (accumulate) {
    C[o] += x0;
    if (w > 1) C[o + 1] += x1;
    if (w > 2) C[o + 2] += x2;
    if (w > 3) C[o + 3] += x3;
  } else {
    C[o] = x0;
    if (w > 1) C[o + 1] = x1;
    if (w > 2) C[o + 2] = x2;
    if (w > 3) C[o + 3] = x3;
  }
}
