/**
 * The quantities of Novikoff's bound for a set of labelled points, computed rather than assumed.
 *
 * The perceptron sees x̃ = (x₁, x₂, 1) and labels s = ±1 (s = 2y − 1). Write zᵢ = sᵢ·x̃ᵢ. A unit
 * vector u separates the classes with margin m when every zᵢ·u ≥ m > 0. Novikoff (1962): from
 * w = 0, with any fixed η > 0, the perceptron makes at most (R/m)² mistakes, R = maxᵢ |x̃ᵢ|. The best
 * bound uses the best margin
 *
 *   γ = max over unit u of minᵢ zᵢ·u,
 *
 * the margin of the hard-margin support vector machine without a separate bias (the bias lives in
 * x̃'s last coordinate). By convex duality γ equals the distance from the origin to the convex hull of
 * the zᵢ, when the origin lies outside it (and no line separates the classes when it lies inside).
 * So γ is found as the point of that hull nearest the origin, by the MDM algorithm (Mitchell,
 * Dem'yanov & Malozemov, 1974): keep q = Σ αᵢ zᵢ with α a probability vector, and repeatedly move
 * weight from the point that q leans on most (largest zᵢ·q among αᵢ > 0) to the point it leans on
 * least (smallest zᵢ·q), by the exact line search along that pair.
 *
 * Every stop is backed by two numbers that bracket γ:
 *  - lower: the margin of the explicit unit vector u = q/|q|, minᵢ zᵢ·u (a separator we hold);
 *  - upper: |q|, since any unit u has minᵢ zᵢ·u ≤ u·q ≤ |q| for q in the hull.
 * The figure reports `margin` = lower, so (R/margin)² is a valid Novikoff bound whatever the solver's
 * precision; the solver runs until upper − lower is below a millionth of R (or a step budget ends,
 * which `gap` then shows).
 */
import type { LabelledPoint } from './perceptron';

export interface MaxMargin {
  /** True when a line separates the classes with a margin we can exhibit (lower > 0). */
  separable: boolean;
  /** Certified margin γ of `direction` (the lower bracket); 0 when not separable. */
  margin: number;
  /** Upper bracket on the best margin, |q|. */
  upper: number;
  /** upper − margin: how far the certified margin can be from the best one. */
  gap: number;
  /** Unit weight vector (w₁, w₂, w₀) of the widest-margin line found. */
  direction: [number, number, number];
  /** Largest |x̃ᵢ| = √(x₁² + x₂² + 1). */
  radius: number;
  /** (R/γ)² when separable, else Infinity. */
  bound: number;
  iterations: number;
}

export interface MaxMarginOptions {
  /** Stop when upper − lower ≤ tolerance · R (default 1e-7). */
  tolerance?: number;
  /** Step budget (default 200,000). */
  maxIterations?: number;
}

/** Largest norm of the augmented inputs: the R of Novikoff's bound. */
export function radiusOf(points: readonly LabelledPoint[]): number {
  let r2 = 0;
  for (const p of points) r2 = Math.max(r2, p.x1 * p.x1 + p.x2 * p.x2 + 1);
  return Math.sqrt(r2);
}

export function maxMargin(points: readonly LabelledPoint[], options: MaxMarginOptions = {}): MaxMargin {
  const n = points.length;
  const radius = radiusOf(points);
  const none: MaxMargin = {
    separable: false,
    margin: 0,
    upper: 0,
    gap: 0,
    direction: [0, 0, 0],
    radius,
    bound: Infinity,
    iterations: 0
  };
  if (n === 0) return none;
  const tol = (options.tolerance ?? 1e-7) * radius;
  const maxIterations = options.maxIterations ?? 200_000;

  // z as a flat array: zᵢ = sᵢ (x₁, x₂, 1).
  const z = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const s = points[i].label === 1 ? 1 : -1;
    z[3 * i] = s * points[i].x1;
    z[3 * i + 1] = s * points[i].x2;
    z[3 * i + 2] = s;
  }
  // Start from the single point nearest the origin.
  const alpha = new Float64Array(n);
  let start = 0;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const d = z[3 * i] ** 2 + z[3 * i + 1] ** 2 + z[3 * i + 2] ** 2;
    if (d < best) {
      best = d;
      start = i;
    }
  }
  alpha[start] = 1;
  let q0 = z[3 * start],
    q1 = z[3 * start + 1],
    q2 = z[3 * start + 2];

  let iterations = 0;
  let lower = -Infinity;
  let upper = Infinity;
  for (;;) {
    const qq = q0 * q0 + q1 * q1 + q2 * q2;
    upper = Math.sqrt(qq);
    // lo: the point q leans on least (over all i); hi: the most (over the support of α).
    let lo = 0,
      hi = -1,
      sLo = Infinity,
      sHi = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = z[3 * i] * q0 + z[3 * i + 1] * q1 + z[3 * i + 2] * q2;
      if (s < sLo) {
        sLo = s;
        lo = i;
      }
      if (alpha[i] > 0 && s > sHi) {
        sHi = s;
        hi = i;
      }
    }
    lower = upper > 0 ? sLo / upper : -Infinity;
    // Non-separable: q has reached the origin (to rounding), so no unit u has a margin above |q|.
    if (upper <= 1e-12 * radius) break;
    if (upper - lower <= tol || iterations >= maxIterations || hi === lo) break;
    // Move t of hi's weight to lo: q ← q + t (z_lo − z_hi), t minimising |q|² on [0, α_hi].
    const d0 = z[3 * lo] - z[3 * hi],
      d1 = z[3 * lo + 1] - z[3 * hi + 1],
      d2 = z[3 * lo + 2] - z[3 * hi + 2];
    const dd = d0 * d0 + d1 * d1 + d2 * d2;
    if (dd === 0) break;
    const t = Math.min(alpha[hi], (sHi - sLo) / dd);
    if (!(t > 0)) break;
    alpha[hi] -= t;
    if (alpha[hi] < 1e-15) alpha[hi] = 0;
    alpha[lo] += t;
    q0 += t * d0;
    q1 += t * d1;
    q2 += t * d2;
    iterations++;
  }

  if (!(lower > 0)) return { ...none, upper, gap: upper, iterations };
  const direction: [number, number, number] = [q0 / upper, q1 / upper, q2 / upper];
  return {
    separable: true,
    margin: lower,
    upper,
    gap: upper - lower,
    direction,
    radius,
    bound: (radius / lower) ** 2,
    iterations
  };
}
