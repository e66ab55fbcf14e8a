/**
 * Nelder–Mead's simplex search (Nelder and Mead 1965, with the usual coefficients: reflect 1,
 * expand 2, contract ½, shrink ½). It uses values of the function only, never a gradient, so it
 * is an independent check on a gradient-based optimiser's answer on the same loss.
 *
 * A simplex can stall on a ridge before it reaches the minimum, so the search restarts from its
 * best point with a fresh simplex until a restart no longer lowers the value.
 */
export interface SimplexResult {
  x: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  { step = 0.1, tolerance = 1e-12, maxEvaluations = 200_000 } = {}
): SimplexResult {
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    return f(x);
  };
  const n = start.length;
  let best = { x: [...start], value: value([...start]) };
  for (;;) {
    const simplex = [best.x, ...Array.from({ length: n }, (_, i) => best.x.map((v, j) => (i === j ? v + step : v)))];
    const values = simplex.map((x, i) => (i === 0 ? best.value : value(x)));
    const along = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j] - v));
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
      const s = order.map((i) => simplex[i]), v = order.map((i) => values[i]);
      simplex.splice(0, n + 1, ...s);
      values.splice(0, n + 1, ...v);
      if (values[n] - values[0] <= tolerance * (Math.abs(values[0]) + tolerance)) break;
      const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((a, x) => a + x[j], 0) / n);
      const worst = simplex[n];
      const r = along(centroid, worst, -1), fr = value(r);
      if (fr < values[0]) {
        const e = along(centroid, worst, -2), fe = value(e);
        [simplex[n], values[n]] = fe < fr ? [e, fe] : [r, fr];
      } else if (fr < values[n - 1]) {
        [simplex[n], values[n]] = [r, fr];
      } else {
        // contract towards the better of the worst point and its reflection
        const c = fr < values[n] ? along(centroid, r, 0.5) : along(centroid, worst, 0.5);
        const fc = value(c);
        if (fc < Math.min(fr, values[n])) {
          [simplex[n], values[n]] = [c, fc];
        } else {
          for (let i = 1; i <= n; i++) {
            simplex[i] = along(simplex[0], simplex[i], 0.5);
            values[i] = value(simplex[i]);
          }
        }
      }
    }
    const i = values.indexOf(Math.min(...values));
    const improved = values[i] < best.value - tolerance * (Math.abs(best.value) + tolerance);
    best = { x: simplex[i], value: values[i] };
    if (!improved || evaluations >= maxEvaluations) return { ...best, evaluations };
  }
}
