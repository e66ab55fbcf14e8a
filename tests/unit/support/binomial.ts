/**
 * Clopper–Pearson's one-sided lower confidence bound for a success rate: the smallest rate p at
 * which seeing `successes` or more out of `trials` still has probability at least α. It is exact
 * (no normal approximation), so it stays honest at the edges where every trial succeeded: then it
 * is α^(1/n), e.g. 0.977 for 128 out of 128 at 95%.
 */
export function binomialUpperTail(successes: number, trials: number, p: number): number {
  if (successes <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logChoose = 0; // log C(n, j), built up from j = 0
  let tail = 0;
  for (let j = 0; j <= trials; j++) {
    if (j > 0) logChoose += Math.log((trials - j + 1) / j);
    if (j >= successes) tail += Math.exp(logChoose + j * Math.log(p) + (trials - j) * Math.log1p(-p));
  }
  return tail;
}

export function clopperPearsonLower(successes: number, trials: number, confidence = 0.95): number {
  if (!(Number.isInteger(successes) && Number.isInteger(trials) && successes >= 0 && successes <= trials && trials > 0)) {
    throw new Error(`clopperPearsonLower: ${successes} of ${trials} is not a count`);
  }
  const alpha = 1 - confidence;
  if (successes === 0) return 0;
  if (successes === trials) return Math.pow(alpha, 1 / trials);
  // The tail grows with p: bisect for the p where it reaches α.
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialUpperTail(successes, trials, mid) < alpha) lo = mid;
    else hi = mid;
  }
  return lo;
}
