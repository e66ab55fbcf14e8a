/**
 * How the benchmarks time their sides, in Node (`npm run bench`) and in the browser (/bench):
 * every side is warmed up with the same number of steps, then timed in rounds of the same number
 * of steps, the order of the sides rotating from round to round so no side always runs first (or
 * right after the slowest); each side's rate is its median over rounds. No DOM, no Node APIs.
 */
import type { Trainer } from './workloads';

/** Seconds for `steps` training steps, the side's queued work included. */
export async function timeSteps(t: Trainer, steps: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < steps; i++) t.step();
  await t.sync();
  return (performance.now() - start) / 1000;
}

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** 3 significant digits at most, no exponent: 12345 → "12345", 3.14159 → "3.14". */
export function fmt(x: number): string {
  if (x >= 100) return Math.round(x).toString();
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/**
 * Whether two sides computed the same loss from the same weights and data: within 1e-4, relative
 * to the loss (absolute below 1). float32 summation orders differ from library to library, which
 * moves the 5th–6th significant digit; a different model moves the first.
 */
export function sameLoss(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));
}

/**
 * Why the sides may not be compared, or null when they may: the first side whose loss at the
 * shared starting weights is not the first side's (the engine's).
 */
export function startMismatch(workload: string, losses: { name: string; loss: number }[]): string | null {
  const [first, ...rest] = losses;
  const off = rest.find((l) => !sameLoss(first.loss, l.loss));
  return off
    ? `${workload}: ${off.name} computes a loss of ${off.loss} at the shared starting weights, ${first.name} ${first.loss}. ` +
        'They are not running the same model, so their speeds are not compared.'
    : null;
}

export interface RoundsOptions {
  rounds: number;
  /** Target length of one round of the slowest side, in seconds (when `steps` is not given). */
  roundSeconds: number;
  /** Steps per round, fixed (and as many warm-up steps); otherwise found by warming up. */
  steps?: number;
  /** Steps the warm-up may double up to. */
  maxWarmup?: number;
  /** Called after each timed round with the rates so far (steps/s per side). */
  onRound?: (round: number, stepRates: number[][]) => void;
}

export interface Rounds {
  warmupSteps: number;
  stepsPerRound: number;
  /** Steps per second, per side, per round. */
  stepRates: number[][];
  /** Median steps per second, per side. */
  medians: number[];
}

/**
 * Warm-up: one step each, then doubling (every side the same steps) until the slowest side has
 * run `roundSeconds` in all; its rate sets the steps per round. Then `rounds` timed rounds.
 */
export async function alternatingRounds(sides: Trainer[], opts: RoundsOptions): Promise<Rounds> {
  let warmupSteps: number, stepsPerRound: number;
  if (opts.steps) {
    for (const s of sides) await timeSteps(s, opts.steps);
    warmupSteps = stepsPerRound = opts.steps;
  } else {
    const seconds = sides.map(() => 0);
    const run = async (n: number) => {
      for (let i = 0; i < sides.length; i++) seconds[i] += await timeSteps(sides[i], n);
    };
    // The first step of each is left out of the estimate: it compiles (JIT, jit, wasm).
    for (const s of sides) await timeSteps(s, 1);
    warmupSteps = 1;
    let counted = 0;
    const max = opts.maxWarmup ?? 4096;
    while (Math.max(...seconds) < opts.roundSeconds && warmupSteps < max) {
      const more = warmupSteps;
      await run(more);
      warmupSteps += more;
      counted += more;
    }
    stepsPerRound = counted ? Math.max(1, Math.round((opts.roundSeconds * counted) / Math.max(...seconds))) : 1;
  }
  const stepRates: number[][] = sides.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (k + r) % sides.length;
      stepRates[i].push(stepsPerRound / (await timeSteps(sides[i], stepsPerRound)));
    }
    opts.onRound?.(r, stepRates);
  }
  return { warmupSteps, stepsPerRound, stepRates, medians: stepRates.map(median) };
}
