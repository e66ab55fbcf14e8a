import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convGeometry, type ConvGeometry } from '../../../src/lib/engine/kernels/conv-geometry';
import { conv2dBackward, conv2dForward } from '../../../src/lib/engine/kernels/conv2d';
import { col2im, im2col } from '../../../src/lib/engine/kernels/im2col';
import { setSimdEnabled, workspace } from '../../../src/lib/engine/kernels/workspace';
import {
  avgPoolBackward, avgPoolForward, globalAvgPoolBackward, globalAvgPoolForward, maxPoolBackward, maxPoolForward
} from '../../../src/lib/engine/kernels/pool';
import { randomArray, refAvgPool, refConv, refConvBackward, refMaxPool, worstError } from './kernels-reference';

afterEach(() => setSimdEnabled(true));

const f32Bound = (terms: number): number => (terms + 3) * 2 ** -24;

/** Random window geometries: odd sizes, kernels 1-4, strides 1-3, same/valid/explicit padding. */
const geometry = fc
  .record({
    N: fc.integer({ min: 1, max: 3 }),
    H: fc.integer({ min: 1, max: 9 }),
    W: fc.integer({ min: 1, max: 9 }),
    C: fc.integer({ min: 1, max: 6 }),
    KH: fc.integer({ min: 1, max: 4 }),
    KW: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.oneof(fc.constant<'same'>('same'), fc.constant<'valid'>('valid'), fc.integer({ min: 0, max: 2 })),
    seed: fc.integer({ min: 0, max: 1e9 })
  })
  .filter((d) => {
    const p = d.padding === 'valid' ? 0 : d.padding === 'same' ? d.KH : d.padding;
    return d.H + 2 * p >= d.KH && d.W + 2 * p >= d.KW && (d.padding !== 'valid' || (d.H >= d.KH && d.W >= d.KW));
  })
  .map((d) => ({ ...d, g: convGeometry(d.N, d.H, d.W, d.C, d.KH, d.KW, d.stride, d.padding) }));

describe('geometry', () => {
  it('matches TensorFlow\'s same/valid output sizes and padding split', () => {
    const s = convGeometry(1, 32, 32, 3, 3, 3, 2, 'same');
    expect([s.OH, s.OW, s.padTop, s.padLeft]).toEqual([16, 16, 0, 0]); // total pad 1 → bottom/right
    const s1 = convGeometry(1, 32, 32, 3, 3, 3, 1, 'same');
    expect([s1.OH, s1.padTop]).toEqual([32, 1]);
    const v = convGeometry(1, 7, 7, 1, 3, 3, 2, 'valid');
    expect([v.OH, v.OW]).toEqual([3, 3]);
    expect(() => convGeometry(1, 2, 2, 1, 3, 3, 1, 'valid')).toThrow();
  });
});

describe('im2col / col2im', () => {
  it('col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)>', () => {
    fc.assert(
      fc.property(geometry, ({ g, seed }) => {
        const Kc = g.KH * g.KW * g.C, P = g.N * g.OH * g.OW, ld = Kc + 2;
        const x = randomArray(g.N * g.H * g.W * g.C, seed);
        const c = randomArray(P * ld, seed + 1);
        const col = new Float32Array(P * ld);
        im2col(g, x, 0, col, 0, ld);
        const dx = new Float32Array(x.length);
        col2im(g, c, 0, ld, dx, 0);
        let lhs = 0, rhs = 0, scale = 0;
        for (let p = 0; p < P; p++) for (let k = 0; k < Kc; k++) {
          lhs += col[p * ld + k] * c[p * ld + k];
          scale += Math.abs(col[p * ld + k] * c[p * ld + k]);
        }
        for (let i = 0; i < x.length; i++) rhs += x[i] * dx[i];
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-5 * (scale + 1));
      }),
      { numRuns: 100 }
    );
  });
});

describe('WebAssembly im2col / col2im', () => {
  it('agree exactly with the TypeScript reference (offsets, padded rows)', () => {
    fc.assert(
      fc.property(geometry, ({ g, seed }) => {
        const Kc = g.KH * g.KW * g.C, P = g.N * g.OH * g.OW, ld = Kc + 3, X = g.N * g.H * g.W * g.C;
        const x = randomArray(X, seed), c = randomArray(P * ld, seed + 1), dx0 = randomArray(X, seed + 2);
        const ws = workspace();
        expect(ws.simd).toBe(true);
        // layout: [1 spare][x][col][dx]; odd offsets on purpose (no alignment assumed)
        const xOff = 1, colOff = xOff + X, dxOff = colOff + P * ld;
        let m = ws.reserve(dxOff + X);
        m.fill(NaN, 0, dxOff + X); // every col entry must be written, padding included
        m.set(x, xOff);
        ws.im2col(g, xOff, colOff, ld);
        const want = new Float32Array(P * ld).fill(NaN);
        im2col(g, x, 0, want, 0, ld);
        m = ws.reserve(0);
        for (let p = 0; p < P; p++) {
          expect(Array.from(m.subarray(colOff + p * ld, colOff + p * ld + Kc))).toEqual(Array.from(want.subarray(p * ld, p * ld + Kc)));
        }
        m.set(c, colOff);
        m.set(dx0, dxOff);
        ws.col2im(g, colOff, ld, dxOff);
        const dxWant = dx0.slice();
        col2im(g, c, 0, ld, dxWant, 0);
        // same additions in the same order: identical floats
        expect(Array.from(ws.reserve(0).subarray(dxOff, dxOff + X))).toEqual(Array.from(dxWant));
      }),
      { numRuns: 100 }
    );
  });
});

function checkConv(g: ConvGeometry, CO: number, seed: number, withBias: boolean): void {
  const x = randomArray(g.N * g.H * g.W * g.C, seed);
  const w = randomArray(g.KH * g.KW * g.C * CO, seed + 1);
  const bias = withBias ? randomArray(CO, seed + 2) : null;
  const y = new Float32Array(g.N * g.OH * g.OW * CO);
  conv2dForward(g, CO, x, w, bias, y);
  const ref = refConv(g, CO, x, w, bias);
  const terms = g.KH * g.KW * g.C + 1;
  expect(worstError(y, ref.y, ref.scale, f32Bound(terms), 1e-7)).toBeLessThanOrEqual(1);

  const dy = randomArray(y.length, seed + 3);
  // Gradients are added into what is already there (the tape's rule), so start from nonzero values.
  const dx = randomArray(x.length, seed + 4), dx0 = dx.slice();
  const dw = randomArray(w.length, seed + 5), dw0 = dw.slice();
  const db = randomArray(CO, seed + 6), db0 = db.slice();
  conv2dBackward(g, CO, x, w, dy, dx, dw, db);
  const r = refConvBackward(g, CO, x, w, dy);
  const P = g.N * g.OH * g.OW;
  const plus = (a: Float64Array, b: Float32Array) => a.map((v, i) => v + b[i]);
  const plusAbs = (a: Float64Array, b: Float32Array) => a.map((v, i) => v + Math.abs(b[i]));
  expect(worstError(dx, plus(r.dx, dx0), plusAbs(r.dxs, dx0), f32Bound(g.KH * g.KW * CO + 1), 1e-7)).toBeLessThanOrEqual(1);
  expect(worstError(dw, plus(r.dw, dw0), plusAbs(r.dws, dw0), f32Bound(P + 1), 1e-7)).toBeLessThanOrEqual(1);
  expect(worstError(db, plus(r.db, db0), plusAbs(r.dbs, db0), f32Bound(P + 1), 1e-7)).toBeLessThanOrEqual(1);
}

describe('conv2d forward and backward match the definition', () => {
  for (const simd of [true, false]) {
    it(`random geometries and channel counts (${simd ? 'SIMD' : 'TypeScript'} gemm)`, () => {
      setSimdEnabled(simd);
      fc.assert(
        fc.property(geometry, fc.integer({ min: 1, max: 11 }), fc.boolean(), ({ g, seed }, CO, b) => checkConv(g, CO, seed, b)),
        { numRuns: 60 }
      );
    });
  }

  it('the benchmark CNN\'s layer shapes (batch 4)', () => {
    checkConv(convGeometry(4, 32, 32, 3, 3, 3, 1, 'same'), 16, 11, true);
    checkConv(convGeometry(4, 16, 16, 16, 3, 3, 1, 'same'), 32, 12, true);
    checkConv(convGeometry(4, 8, 8, 32, 3, 3, 1, 'same'), 64, 13, true);
  });

  it('skips gradients that are not asked for', () => {
    const g = convGeometry(2, 5, 5, 3, 3, 3, 1, 'same');
    const x = randomArray(150, 1), w = randomArray(81 * 2 / 3, 2), dy = randomArray(2 * 25 * 2, 3);
    const dw = new Float32Array(w.length);
    conv2dBackward(g, 2, x, w, dy, null, dw, null);
    const r = refConvBackward(g, 2, x, w, dy);
    expect(worstError(dw, r.dw, r.dws, f32Bound(50), 1e-7)).toBeLessThanOrEqual(1);
  });
});

/** Pooling needs every window to touch the image: padding smaller than the window. */
const poolGeometry = geometry.filter(({ g }) => g.padTop < g.KH && g.padLeft < g.KW);

describe('pooling matches the definition', () => {
  it('backward passes add into the gradient', () => {
    const g = convGeometry(1, 2, 2, 1, 2, 2, 2, 'valid');
    const x = new Float32Array([1, 4, 3, 2]), y = new Float32Array(1), arg = new Int32Array(1);
    maxPoolForward(g, x, y, arg);
    const dx = new Float32Array([10, 10, 10, 10]);
    maxPoolBackward(new Float32Array([1]), arg, dx);
    expect(Array.from(dx)).toEqual([10, 11, 10, 10]);
    avgPoolBackward(g, new Float32Array([4]), dx);
    expect(Array.from(dx)).toEqual([11, 12, 11, 11]);
    globalAvgPoolBackward(1, 4, 1, new Float32Array([8]), dx);
    expect(Array.from(dx)).toEqual([13, 14, 13, 13]);
  });

  it('rejects windows that could lie wholly in the padding', () => {
    const g = convGeometry(1, 3, 3, 1, 2, 2, 1, 2);
    expect(() => maxPoolForward(g, new Float32Array(9), new Float32Array(36), new Int32Array(36))).toThrow(/padding/);
    expect(() => avgPoolForward(g, new Float32Array(9), new Float32Array(36))).toThrow(/padding/);
  });

  it('max pool: values, winners, gradient routed to the winner', () => {
    fc.assert(
      fc.property(poolGeometry, ({ g, seed }) => {
        const x = randomArray(g.N * g.H * g.W * g.C, seed);
        const y = new Float32Array(g.N * g.OH * g.OW * g.C), arg = new Int32Array(y.length);
        maxPoolForward(g, x, y, arg);
        const ref = refMaxPool(g, x);
        expect(Array.from(y)).toEqual(Array.from(ref.y));
        expect(Array.from(arg)).toEqual(Array.from(ref.arg));
        const dy = randomArray(y.length, seed + 1);
        const dx = new Float32Array(x.length);
        maxPoolBackward(dy, arg, dx);
        const want = new Float64Array(x.length), scale = new Float64Array(x.length);
        for (let i = 0; i < dy.length; i++) { want[ref.arg[i]] += dy[i]; scale[ref.arg[i]] += Math.abs(dy[i]); }
        expect(worstError(dx, want, scale, f32Bound(g.KH * g.KW), 1e-7)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 }
    );
  });

  it('max pool in WebAssembly (C a multiple of 4) matches the TypeScript loop bit for bit, ties and NaN included', () => {
    fc.assert(
      fc.property(poolGeometry, fc.constantFrom(4, 8, 12), ({ g: g0, seed }, C) => {
        const g = { ...g0, C };
        const x = randomArray(g.N * g.H * g.W * C, seed);
        // coarse values make ties common; a few NaNs test propagation
        for (let i = 0; i < x.length; i++) x[i] = i % 17 === 5 ? NaN : Math.round(x[i] * 3);
        const run = (simd: boolean) => {
          setSimdEnabled(simd);
          const y = new Float32Array(g.N * g.OH * g.OW * C), arg = new Int32Array(y.length);
          maxPoolForward(g, x, y, arg);
          return { y: Array.from(y), arg: Array.from(arg) };
        };
        expect(run(true)).toEqual(run(false));
      }),
      { numRuns: 60 }
    );
  });

  it('max pool propagates NaN', () => {
    const g = convGeometry(1, 2, 2, 1, 2, 2, 2, 'valid');
    const y = new Float32Array(1), arg = new Int32Array(1);
    maxPoolForward(g, new Float32Array([1, NaN, 3, 2]), y, arg);
    expect(y[0]).toBeNaN();
  });

  it('average pool: values and gradient over in-image cells', () => {
    fc.assert(
      fc.property(poolGeometry, ({ g, seed }) => {
        const x = randomArray(g.N * g.H * g.W * g.C, seed);
        const y = new Float32Array(g.N * g.OH * g.OW * g.C);
        avgPoolForward(g, x, y);
        const dy = randomArray(y.length, seed + 1);
        const ref = refAvgPool(g, x, dy);
        expect(worstError(y, ref.y, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
        const dx = new Float32Array(x.length);
        avgPoolBackward(g, dy, dx);
        expect(worstError(dx, ref.dx, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 }
    );
  });

  it('global average pool equals an average pool with the whole image as window', () => {
    fc.assert(
      fc.property(geometry, ({ g, seed }) => {
        const whole = convGeometry(g.N, g.H, g.W, g.C, g.H, g.W, 1, 'valid');
        const x = randomArray(g.N * g.H * g.W * g.C, seed);
        const dy = randomArray(g.N * g.C, seed + 1);
        const ref = refAvgPool(whole, x, dy);
        const y = new Float32Array(g.N * g.C), dx = new Float32Array(x.length);
        globalAvgPoolForward(g.N, g.H * g.W, g.C, x, y);
        globalAvgPoolBackward(g.N, g.H * g.W, g.C, dy, dx);
        expect(worstError(y, ref.y, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
        expect(worstError(dx, ref.dx, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 }
    );
  });
});

describe('global average pooling at a CNN\'s size (the matrix-product path)', () => {
  it('matches the definition forward and backward', () => {
    for (const [N, H, W, C] of [[3, 8, 8, 64], [2, 4, 8, 40], [2, 5, 7, 40]]) {
      const whole = convGeometry(N, H, W, C, H, W, 1, 'valid');
      const x = randomArray(N * H * W * C, N + C);
      const dy = randomArray(N * C, N + C + 1);
      const ref = refAvgPool(whole, x, dy);
      const y = new Float32Array(N * C), dx = randomArray(x.length, 5), dx0 = dx.slice();
      globalAvgPoolForward(N, H * W, C, x, y);
      globalAvgPoolBackward(N, H * W, C, dy, dx);
      expect(worstError(y, ref.y, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
      expect(worstError(dx.map((v, i) => v - dx0[i]), ref.dx, null, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
      // and the very floats of the plain float32 loops (sum, then scale; dx += dy / HW)
      const HW = H * W, sums = new Float32Array(N * C), loopDx = dx0.slice();
      for (let n = 0; n < N; n++) for (let p = 0; p < HW; p++) for (let c = 0; c < C; c++) {
        sums[n * C + c] += x[(n * HW + p) * C + c];
        loopDx[(n * HW + p) * C + c] += dy[n * C + c] * (1 / HW);
      }
      expect(Array.from(y)).toEqual(Array.from(sums.map((v) => v * (1 / HW))));
      expect(Array.from(dx)).toEqual(Array.from(loopDx));
    }
  });
});

describe('max pooling backward at a CNN\'s size (the WebAssembly scatter)', () => {
  it('adds the same values as the TypeScript loop, overlapping windows included', () => {
    for (const [size, stride] of [[2, 2], [3, 1]]) {
      const g = convGeometry(2, 16, 16, 8, size, size, stride, 'same');
      const x = randomArray(g.N * g.H * g.W * g.C, size);
      const y = new Float32Array(g.N * g.OH * g.OW * g.C), arg = new Int32Array(y.length);
      maxPoolForward(g, x, y, arg);
      const dy = randomArray(y.length, size + 1), dx0 = randomArray(x.length, size + 2);
      const run = (simd: boolean): Float32Array => {
        setSimdEnabled(simd);
        const dx = dx0.slice();
        maxPoolBackward(dy, arg, dx);
        return dx;
      };
      expect(y.length).toBeGreaterThanOrEqual(1024); // large enough for the WebAssembly path
      expect(Array.from(run(true))).toEqual(Array.from(run(false)));
      // and the definition: each dy lands on the reference's winner
      const want = dx0.slice();
      const { arg: winners } = refMaxPool(g, x);
      for (let i = 0; i < dy.length; i++) want[winners[i]] += dy[i];
      expect(Array.from(run(true))).toEqual(Array.from(want));
    }
  });
});
