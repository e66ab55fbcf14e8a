/**
 * The unit tests' one finite-difference gradient checker: central differences
 * (L(x + h) − L(x − h)) / (step taken), whose own error is O(h²) plus rounding of order ε/h.
 *
 * The coordinate is nudged in place and put back, so the same code serves float32 tensors, float64
 * arrays and named parameters. The divisor is the step the storage really took: a Float32Array
 * rounds x ± h, and dividing by 2h instead would add an error of about ε₃₂·|x|/h.
 */

/** A step size, fixed or as a function of the coordinate's value (relative steps). */
export type Step = number | ((value: number) => number);

/** ∂L/∂x[k] by central differences; `loss` must read x[k] afresh on every call. */
export function centralDifference(loss: () => number, x: Record<number, number>, k: number, h: Step): number;
export function centralDifference<K extends PropertyKey>(loss: () => number, x: Record<K, number>, k: K, h: Step): number;
export function centralDifference<K extends PropertyKey>(loss: () => number, x: Record<K, number>, k: K, h: Step): number {
  const keep = x[k];
  const step = typeof h === 'number' ? h : h(keep);
  x[k] = keep + step;
  const hi = x[k];
  const up = loss();
  x[k] = keep - step;
  const lo = x[k];
  const down = loss();
  x[k] = keep;
  return (up - down) / (hi - lo);
}

/** The central differences for every coordinate of x (or only those listed). */
export function numericGradient(
  loss: () => number, x: Record<number, number> & { length: number }, h: Step, indices?: Iterable<number>
): Float64Array {
  const out = new Float64Array(x.length);
  for (const i of indices ?? out.keys()) out[i] = centralDifference(loss, x, i, h);
  return out;
}
