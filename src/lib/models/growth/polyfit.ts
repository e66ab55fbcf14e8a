/**
 * The polynomial ladder of figure 3a: least-squares polynomials of growing degree fitted to a daily
 * series, with the last days held out.
 *
 * Stability: fitting a degree-12 polynomial in the raw day number would mean columns t⁰ … t¹²
 * spanning twenty-odd orders of magnitude, and the normal equations would square that condition
 * number. Instead time is scaled to x ∈ [−1, 1] over the training days, the basis is the Chebyshev
 * polynomials T₀(x) … T_d(x) (bounded by 1 there and nearly orthogonal on evenly spaced points), and
 * the least-squares problem is solved by Householder QR, never forming AᵀA.
 */

export interface PolyFit {
  degree: number;
  /** Chebyshev coefficients c₀ … c_d of the fit in the scaled variable x. */
  coefficients: number[];
  /** Maps a day t to x: x = (t − center) / halfWidth. */
  center: number;
  halfWidth: number;
}

/** Chebyshev polynomials T₀(x) … T_d(x) by their recurrence T_{k+1} = 2x·T_k − T_{k−1}. */
export function chebyshevRow(x: number, degree: number, out = new Float64Array(degree + 1)): Float64Array {
  out[0] = 1;
  if (degree >= 1) out[1] = x;
  for (let k = 2; k <= degree; k++) out[k] = 2 * x * out[k - 1] - out[k - 2];
  return out;
}

/**
 * Least squares: the coefficients c minimising ‖A·c − y‖² for an m×n matrix A (row-major,
 * m ≥ n, full column rank), by Householder QR.
 */
export function leastSquares(A: Float64Array, m: number, n: number, y: ArrayLike<number>): number[] {
  const R = A.slice();
  const b = Float64Array.from(y);
  for (let k = 0; k < n; k++) {
    // Householder vector v for column k below the diagonal: H = I − 2vvᵀ/(vᵀv) maps it onto e_k.
    let norm = 0;
    for (let i = k; i < m; i++) norm += R[i * n + k] * R[i * n + k];
    norm = Math.sqrt(norm);
    if (norm === 0) throw new Error('leastSquares: the columns are linearly dependent');
    const alpha = R[k * n + k] > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = R[i * n + k];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * R[i * n + j];
      const s = (2 * dot) / vv;
      for (let i = k; i < m; i++) R[i * n + j] -= s * v[i - k];
    }
    let dot = 0;
    for (let i = k; i < m; i++) dot += v[i - k] * b[i];
    const s = (2 * dot) / vv;
    for (let i = k; i < m; i++) b[i] -= s * v[i - k];
  }
  // Back substitution on the upper-triangular R (first n rows).
  const c = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < n; j++) s -= R[k * n + j] * c[j];
    c[k] = s / R[k * n + k];
  }
  return c;
}

/** Fits a polynomial of `degree` to the points (t[i], y[i]); time is scaled over the span of t. */
export function polyfit(t: ArrayLike<number>, y: ArrayLike<number>, degree: number): PolyFit {
  const m = t.length, n = degree + 1;
  if (m < n) throw new Error(`polyfit: ${m} points cannot fix ${n} coefficients`);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < m; i++) {
    lo = Math.min(lo, t[i]);
    hi = Math.max(hi, t[i]);
  }
  const center = (lo + hi) / 2, halfWidth = (hi - lo) / 2 || 1;
  const A = new Float64Array(m * n);
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) A.set(chebyshevRow((t[i] - center) / halfWidth, degree, row), i * n);
  return { degree, coefficients: leastSquares(A, m, n, y), center, halfWidth };
}

/** The fitted polynomial at day t (Clenshaw's recurrence for a Chebyshev series). */
export function evaluate(fit: PolyFit, t: number): number {
  const x = (t - fit.center) / fit.halfWidth;
  const c = fit.coefficients;
  let b1 = 0, b2 = 0;
  for (let k = c.length - 1; k >= 1; k--) {
    const b0 = 2 * x * b1 - b2 + c[k];
    b2 = b1;
    b1 = b0;
  }
  return x * b1 - b2 + c[0];
}

/** Root mean squared error of the fit on days first … last inclusive of a daily series. */
export function rmse(fit: PolyFit, values: readonly number[], first: number, last: number): number {
  let s = 0;
  for (let t = first; t <= last; t++) {
    const r = evaluate(fit, t) - values[t];
    s += r * r;
  }
  return Math.sqrt(s / (last - first + 1));
}

export interface LadderRung {
  fit: PolyFit;
  trainError: number;
  holdoutError: number;
}

/**
 * One rung of the ladder: fit days 0 … n−holdout−1 of the series, score those days and the
 * `holdout` days after them.
 */
export function ladderRung(values: readonly number[], degree: number, holdout: number): LadderRung {
  const trainEnd = values.length - holdout - 1;
  const t = Array.from({ length: trainEnd + 1 }, (_, i) => i);
  const fit = polyfit(t, values.slice(0, trainEnd + 1), degree);
  return {
    fit,
    trainError: rmse(fit, values, 0, trainEnd),
    holdoutError: holdout > 0 ? rmse(fit, values, trainEnd + 1, values.length - 1) : NaN
  };
}

/**
 * The ladder figure 3a climbs for a series of `days` days: the last three weeks held out (the last
 * quarter, on a series shorter than 84 days), degree 15 at most and never more coefficients than
 * fitted days. Figure 3a and its prediction both read it, so they climb the same ladder.
 */
export function ladderShape(days: number): { holdout: number; maxDegree: number } {
  const holdout = Math.min(21, Math.floor(days / 4));
  return { holdout, maxDegree: Math.min(15, days - holdout - 1) };
}
