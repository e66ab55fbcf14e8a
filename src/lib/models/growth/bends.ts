/**
 * Figure 3b: how nesting multiplies bends. The piece is the parabola h(x) = 1 − a·x², which maps
 * [−1, 1] into itself for 0 < a ≤ 2; the figure composes it with itself `depth` times.
 * At a = 2, h(x) = −T₂(x) (T₂ the second Chebyshev polynomial), and since T_m(T_n(x)) = T_{mn}(x)
 * the depth-k composition is −T_{2^k}(x), which has exactly 2^k − 1 turning points inside (−1, 1):
 * each layer doubles the bends. Smaller a gives fewer, which is why the prose says "can".
 */

/** The composition hᵏ(x) and its derivative, by the chain rule: (hᵏ)′(x) = Π h′(x_j) with h′(x) = −2a·x. */
export function nestedParabola(a: number, depth: number, x: number): { value: number; slope: number } {
  let value = x, slope = 1;
  for (let k = 0; k < depth; k++) {
    slope *= -2 * a * value;
    value = 1 - a * value * value;
  }
  return { value, slope };
}

/**
 * Turning points of a function on an interval, counted as the sign changes of its derivative on a
 * grid of `samples` points. Points where the derivative is exactly zero are skipped (a zero that
 * touches without crossing is not a turning point). A grid can miss two turning points closer
 * together than its spacing; callers choose `samples` for the functions they count.
 */
export function countTurningPoints(slope: (x: number) => number, lo: number, hi: number, samples = 40_001): number {
  let count = 0, last = 0;
  for (let i = 0; i < samples; i++) {
    const s = Math.sign(slope(lo + ((hi - lo) * i) / (samples - 1)));
    if (s === 0) continue;
    if (last !== 0 && s !== last) count++;
    last = s;
  }
  return count;
}

/** Bends of the depth-k composition on (−1, 1). */
export function nestedBends(a: number, depth: number, samples = 40_001): number {
  return countTurningPoints((x) => nestedParabola(a, depth, x).slope, -1, 1, samples);
}
