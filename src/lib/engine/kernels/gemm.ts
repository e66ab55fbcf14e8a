/**
 * General matrix multiply on row-major Float32Arrays:
 *   C[M×N] (+)= op(A) · op(B),  op(A) is M×K, op(B) is K×N.
 * transA: A is stored K×M (so op(A) = Aᵀ); transB: B is stored N×K.
 * accumulate: add into C instead of overwriting it.
 * Offsets let callers multiply slices of larger buffers (batched matmul, im2col) without copying.
 *
 * This is the one hot loop most of the engine's time goes through; keep its signature stable.
 */
export function gemm(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const a = transA ? A[aOff + k * M + i] : A[aOff + i * K + k];
      if (a === 0) continue;
      const c0 = cOff + i * N;
      if (transB) {
        for (let j = 0; j < N; j++) C[c0 + j] += a * B[bOff + j * K + k];
      } else {
        const b0 = bOff + k * N;
        for (let j = 0; j < N; j++) C[c0 + j] += a * B[b0 + j];
      }
    }
  }
}
