/**
 * The SIR model of Kermack and McKendrick (1927), in fractions of the population (S + I + R = 1),
 * exactly as the lecture typesets it:
 *   dS/dt = −β·S·I,   dI/dt = +β·S·I − γ·I,   dR/dt = +γ·I,   R₀ = β/γ.
 * β and γ are per day; t is in days. Integrated with the classical fourth-order Runge–Kutta method.
 */

export interface SirParams {
  /** Transmission rate β, per day. */
  beta: number;
  /** Recovery rate γ, per day (1/γ is the mean infectious period). */
  gamma: number;
  /** Infected fraction at t = 0 (the rest is susceptible; nobody has recovered yet). */
  i0: number;
}

export interface SirRun {
  /** Time of each sample, days. */
  t: Float64Array;
  S: Float64Array;
  I: Float64Array;
  R: Float64Array;
}

/**
 * RK4 steps per day. With β ≤ 3/day the local error per step is far below what a chart or a readout
 * can show; a unit test checks that halving the step changes no displayed digit.
 */
export const STEPS_PER_DAY = 10;

export const r0 = (p: Pick<SirParams, 'beta' | 'gamma'>) => p.beta / p.gamma;

/** Integrate for `days` days; samples every `1/samplesPerDay` days (default: one per day). */
export function simulateSir(p: SirParams, days: number, stepsPerDay = STEPS_PER_DAY, samplesPerDay = 1): SirRun {
  const n = Math.round(days * samplesPerDay) + 1;
  const run: SirRun = { t: new Float64Array(n), S: new Float64Array(n), I: new Float64Array(n), R: new Float64Array(n) };
  const stepsPerSample = Math.max(1, Math.round(stepsPerDay / samplesPerDay));
  const h = 1 / (samplesPerDay * stepsPerSample);
  const { beta, gamma } = p;
  let S = 1 - p.i0,
    I = p.i0,
    R = 0;
  run.S[0] = S;
  run.I[0] = I;
  for (let k = 1; k < n; k++) {
    for (let s = 0; s < stepsPerSample; s++) {
      // k1…k4 for (S, I); R follows from conservation's derivative γI and is integrated alongside.
      const a1 = -beta * S * I,
        b1 = beta * S * I - gamma * I;
      const S2 = S + 0.5 * h * a1,
        I2 = I + 0.5 * h * b1;
      const a2 = -beta * S2 * I2,
        b2 = beta * S2 * I2 - gamma * I2;
      const S3 = S + 0.5 * h * a2,
        I3 = I + 0.5 * h * b2;
      const a3 = -beta * S3 * I3,
        b3 = beta * S3 * I3 - gamma * I3;
      const S4 = S + h * a3,
        I4 = I + h * b3;
      const a4 = -beta * S4 * I4,
        b4 = beta * S4 * I4 - gamma * I4;
      const dS = (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
      const dI = (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
      S += dS;
      I += dI;
      R -= dS + dI; // the flows only move people between buckets: dR = −(dS + dI) exactly
    }
    run.t[k] = k / samplesPerDay;
    run.S[k] = S;
    run.I[k] = I;
    run.R[k] = R;
  }
  return run;
}

/**
 * New infections per day: the fall of S over each day. With a population N and a fraction ρ of
 * infections that get confirmed, ρ·N·(S(d) − S(d+1)) is the model's daily count of confirmed cases.
 */
export function dailyNewInfections(run: SirRun, samplesPerDay = 1): Float64Array {
  const days = Math.floor((run.S.length - 1) / samplesPerDay);
  const out = new Float64Array(days);
  for (let d = 0; d < days; d++) out[d] = run.S[d * samplesPerDay] - run.S[(d + 1) * samplesPerDay];
  return out;
}

/** Day and height of the peak of the infected fraction I. */
export function peakOf(run: SirRun): { day: number; infected: number } {
  let best = 0;
  for (let k = 1; k < run.I.length; k++) if (run.I[k] > run.I[best]) best = k;
  return { day: run.t[best], infected: run.I[best] };
}

/**
 * Final epidemic size z, the fraction ever infected, for a fully susceptible start:
 * the positive root of z = 1 − exp(−R₀·z) (0 when R₀ ≤ 1). Newton's method from z = 1.
 */
export function finalSize(R0: number): number {
  if (!(R0 > 1)) return 0;
  let z = 1;
  for (let i = 0; i < 50; i++) {
    const f = z - 1 + Math.exp(-R0 * z);
    const df = 1 - R0 * Math.exp(-R0 * z);
    const next = z - f / df;
    if (Math.abs(next - z) < 1e-15) return next;
    z = next;
  }
  return z;
}

/**
 * Everything figure 2b reads out for one setting: the run over `days`, its peak, and the final
 * size two ways — where the simulation ends up (integrated until the infected fraction is
 * negligible) and what the final-size relation predicts from R₀ alone (exact only when the start
 * is almost entirely susceptible).
 */
export interface SirOutlook {
  run: SirRun;
  peak: { day: number; infected: number };
  /** R(∞): the fraction ever infected, from the simulation. */
  finalSimulated: number;
  /** z with z = 1 − exp(−R₀·z). */
  finalRelation: number;
}

export function sirOutlook(p: SirParams, days: number): SirOutlook {
  const run = simulateSir(p, days);
  // Follow the run on past the chart (in 1000-day chunks, up to 10,000 days) until it has burnt out.
  let end = run, horizon = days;
  while (end.I[end.I.length - 1] > 1e-9 && horizon < 10_000) {
    horizon += 1000;
    end = simulateSir(p, horizon, 4);
  }
  const k = end.R.length - 1;
  return { run, peak: peakOf(run), finalSimulated: end.R[k] + end.I[k], finalRelation: finalSize(r0(p)) };
}
