/**
 * Reference implementations for the kernel tests: straight from the definitions, in float64, with
 * no tiling, no padding tricks and no shared code with the kernels under test.
 */
import type { ConvGeometry } from '../../../src/lib/engine/kernels/conv-geometry';

/** Seeded uniform values in [-1, 1) (mulberry32), so failures reproduce from fast-check's seed. */
export function randomArray(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** C = op(A)·op(B) (+ C0), and the bound Σ|a·b| per entry that float32 rounding error scales with. */
export function refGemm(
  A: Float32Array, B: Float32Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, C0: Float32Array | null
): { C: Float64Array; scale: Float64Array } {
  const C = new Float64Array(M * N), scale = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = C0 ? C0[i * N + j] : 0, a = C0 ? Math.abs(C0[i * N + j]) : 0;
      for (let k = 0; k < K; k++) {
        const p = (transA ? A[k * M + i] : A[i * K + k]) * (transB ? B[j * K + k] : B[k * N + j]);
        s += p; a += Math.abs(p);
      }
      C[i * N + j] = s; scale[i * N + j] = a;
    }
  }
  return { C, scale };
}

/** Input row/column under output (oh, ow) and kernel tap (kh, kw), or -1 if it falls in the padding. */
function tap(g: ConvGeometry, oh: number, ow: number, kh: number, kw: number): [number, number] {
  const ih = oh * g.strideH - g.padTop + kh, iw = ow * g.strideW - g.padLeft + kw;
  return ih < 0 || ih >= g.H || iw < 0 || iw >= g.W ? [-1, -1] : [ih, iw];
}

export function refConv(g: ConvGeometry, CO: number, x: Float32Array, w: Float32Array, bias: Float32Array | null) {
  const { N, H, W, C, KH, KW, OH, OW } = g;
  const y = new Float64Array(N * OH * OW * CO), scale = new Float64Array(y.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let o = 0; o < CO; o++) {
      let s = bias ? bias[o] : 0, a = Math.abs(s);
      for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
        const [ih, iw] = tap(g, oh, ow, kh, kw);
        if (ih < 0) continue;
        for (let c = 0; c < C; c++) {
          const p = x[((n * H + ih) * W + iw) * C + c] * w[((kh * KW + kw) * C + c) * CO + o];
          s += p; a += Math.abs(p);
        }
      }
      const i = ((n * OH + oh) * OW + ow) * CO + o;
      y[i] = s; scale[i] = a;
    }
  }
  return { y, scale };
}

export function refConvBackward(g: ConvGeometry, CO: number, x: Float32Array, w: Float32Array, dy: Float32Array) {
  const { N, H, W, C, KH, KW, OH, OW } = g;
  const dx = new Float64Array(x.length), dxs = new Float64Array(x.length);
  const dw = new Float64Array(w.length), dws = new Float64Array(w.length);
  const db = new Float64Array(CO), dbs = new Float64Array(CO);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let o = 0; o < CO; o++) {
      const d = dy[((n * OH + oh) * OW + ow) * CO + o];
      db[o] += d; dbs[o] += Math.abs(d);
      for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
        const [ih, iw] = tap(g, oh, ow, kh, kw);
        if (ih < 0) continue;
        for (let c = 0; c < C; c++) {
          const xi = ((n * H + ih) * W + iw) * C + c, wi = ((kh * KW + kw) * C + c) * CO + o;
          dx[xi] += d * w[wi]; dxs[xi] += Math.abs(d * w[wi]);
          dw[wi] += d * x[xi]; dws[wi] += Math.abs(d * x[xi]);
        }
      }
    }
  }
  return { dx, dxs, dw, dws, db, dbs };
}

/** Max pool with TensorFlow's tie rule (first max in window order); returns values and winners. */
export function refMaxPool(g: ConvGeometry, x: Float32Array) {
  const { N, H, W, C, KH, KW, OH, OW } = g;
  const y = new Float64Array(N * OH * OW * C), arg = new Int32Array(y.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let c = 0; c < C; c++) {
      let best = -Infinity, at = -1;
      for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
        const [ih, iw] = tap(g, oh, ow, kh, kw);
        if (ih < 0) continue;
        const i = ((n * H + ih) * W + iw) * C + c;
        if (at < 0 || x[i] > best) { best = x[i]; at = i; }
      }
      const o = ((n * OH + oh) * OW + ow) * C + c;
      y[o] = best; arg[o] = at;
    }
  }
  return { y, arg };
}

/** Average pool over in-image cells only; returns values and, per output, the cells it averaged. */
export function refAvgPool(g: ConvGeometry, x: Float32Array, dy: Float32Array | null) {
  const { N, H, W, C, KH, KW, OH, OW } = g;
  const y = new Float64Array(N * OH * OW * C), dx = new Float64Array(x.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let c = 0; c < C; c++) {
      const cells: number[] = [];
      for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
        const [ih, iw] = tap(g, oh, ow, kh, kw);
        if (ih >= 0) cells.push(((n * H + ih) * W + iw) * C + c);
      }
      const o = ((n * OH + oh) * OW + ow) * C + c;
      y[o] = cells.reduce((s, i) => s + x[i], 0) / cells.length;
      if (dy) for (const i of cells) dx[i] += dy[o] / cells.length;
    }
  }
  return { y, dx };
}

/** Largest |got − want| / (atol + rtol·scale) over all entries; ≤ 1 means within tolerance. */
export function worstError(
  got: ArrayLike<number>, want: ArrayLike<number>, scale: ArrayLike<number> | null, rtol: number, atol: number
): number {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const tol = atol + rtol * (scale ? scale[i] : Math.abs(want[i]));
    const e = Math.abs(got[i] - want[i]) / tol;
    if (!(e <= worst)) worst = e; // NaN wins
  }
  return worst;
}
