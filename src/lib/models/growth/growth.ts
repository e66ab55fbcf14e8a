/**
 * Two summaries of a daily count series that the lecture's first figure shows:
 * the trailing seven-day average, and the doubling time of an exponential fitted to a window.
 */

/**
 * Trailing mean over `width` days: value i averages days i-width+1 … i.
 * The first width-1 days have no full window and are null (not a guess from fewer days).
 */
export function trailingMean(values: readonly number[], width = 7): (number | null)[] {
  const out: (number | null)[] = new Array(values.length).fill(null);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= width) sum -= values[i - width];
    if (i >= width - 1) out[i] = sum / width;
  }
  return out;
}

export interface ExponentialFit {
  /** Growth rate r per day of counts ≈ A·e^{r t}. */
  rate: number;
  /** ln A: the fitted log count at t = 0 (day index 0 of the series). */
  logIntercept: number;
  /** ln 2 / r: days for the fitted curve to double (negative r: it halves, and this is negative). */
  doublingDays: number;
  /** Share of the variance of log counts the line explains. */
  r2: number;
  /** Days actually used (days with a count of zero have no logarithm and are left out). */
  used: number;
}

/**
 * Least-squares line through (day, ln count) for days first…last inclusive: the straight line a
 * log-scale chart shows. Returns null when fewer than two usable days remain.
 */
export function fitExponential(
  values: readonly number[],
  first: number,
  last: number
): ExponentialFit | null {
  const lo = Math.max(0, Math.min(first, last));
  const hi = Math.min(values.length - 1, Math.max(first, last));
  let n = 0,
    sx = 0,
    sy = 0;
  for (let t = lo; t <= hi; t++) {
    if (values[t] > 0) {
      n++;
      sx += t;
      sy += Math.log(values[t]);
    }
  }
  if (n < 2) return null;
  const mx = sx / n,
    my = sy / n;
  let sxx = 0,
    sxy = 0,
    syy = 0;
  for (let t = lo; t <= hi; t++) {
    if (values[t] > 0) {
      const dx = t - mx,
        dy = Math.log(values[t]) - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
  }
  const rate = sxy / sxx;
  return {
    rate,
    logIntercept: my - rate * mx,
    doublingDays: Math.LN2 / rate,
    r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1,
    used: n
  };
}
