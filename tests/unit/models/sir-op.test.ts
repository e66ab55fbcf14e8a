import { describe, expect, it } from 'vitest';
import { Tape, add, mul, param, sub, sum, type Tensor } from '$lib/engine';
import { sirDailyInfections } from '$lib/models/sir/sir-op';
import { dailyNewInfections, simulateSir } from '$lib/models/sir/sir';
import { centralDifference } from '../support/finite-differences';

/**
 * The same RK4 integration written with the engine's elementwise ops only, so that the engine's
 * own backward sweep differentiates it: the reference for the fused op's hand-written backward.
 */
function elementwiseDaily(tape: Tape, i0: Tensor, beta: Tensor, gamma: Tensor, days: number, stepsPerDay: number): Tensor[] {
  const h = 1 / stepsPerDay;
  const f = (u: Tensor, v: Tensor): [Tensor, Tensor] => {
    const a = mul(tape, mul(tape, beta, sub(tape, 1, u)), v);
    return [a, sub(tape, a, mul(tape, gamma, v))];
  };
  const at = (x: Tensor, k: Tensor, c: number) => add(tape, x, mul(tape, k, c));
  const comb = (k1: Tensor, k2: Tensor, k3: Tensor, k4: Tensor) =>
    mul(tape, add(tape, add(tape, k1, k4), mul(tape, add(tape, k2, k3), 2)), h / 6);
  let u = i0, v = i0;
  const out: Tensor[] = [];
  for (let d = 0; d < days; d++) {
    let today: Tensor | null = null;
    for (let s = 0; s < stepsPerDay; s++) {
      const [a1, b1] = f(u, v);
      const [a2, b2] = f(at(u, a1, h / 2), at(v, b1, h / 2));
      const [a3, b3] = f(at(u, a2, h / 2), at(v, b2, h / 2));
      const [a4, b4] = f(at(u, a3, h), at(v, b3, h));
      const du = comb(a1, a2, a3, a4);
      v = add(tape, v, comb(b1, b2, b3, b4));
      u = add(tape, u, du);
      today = today ? add(tape, today, du) : du;
    }
    out.push(today!);
  }
  return out;
}

/** A weighted sum of the daily outputs with fixed weights w[d] (any smooth scalar would do). */
const weights = (days: number) => Array.from({ length: days }, (_, d) => Math.sin(0.7 * d) + 1.5);

describe('sirDailyInfections: the fused SIR op', () => {
  const cases = [
    { beta: 0.6, gamma: 0.2, i0: 1e-4 },
    { beta: 1.4, gamma: 0.9, i0: 3e-3 },
    { beta: 0.3, gamma: 0.25, i0: 0.02 }
  ];

  it('forward: matches sir.ts (the fall of S per day) to float32 precision', () => {
    for (const c of cases) {
      const tape = new Tape({ record: false });
      const out = sirDailyInfections(tape, param([c.i0]), param([c.beta]), param([c.gamma]), 60, 4);
      const ref = dailyNewInfections(simulateSir(c, 60, 4));
      for (let d = 0; d < 60; d++) expect(Math.abs(out.data[d] - ref[d])).toBeLessThanOrEqual(1e-6 * Math.abs(ref[d]) + 1e-12);
    }
  });

  it('backward: equals the engine differentiating the same RK4 written in elementwise ops', () => {
    const days = 30, spd = 2;
    const w = weights(days);
    for (const c of cases) {
      const fused = { i0: param([c.i0]), beta: param([c.beta]), gamma: param([c.gamma]) };
      const t1 = new Tape();
      const out = sirDailyInfections(t1, fused.i0, fused.beta, fused.gamma, days, spd);
      t1.backward(out, { seed: Float32Array.from(w) });

      const ref = { i0: param([c.i0]), beta: param([c.beta]), gamma: param([c.gamma]) };
      const t2 = new Tape();
      const daily = elementwiseDaily(t2, ref.i0, ref.beta, ref.gamma, days, spd);
      let total: Tensor = mul(t2, daily[0], w[0]);
      for (let d = 1; d < days; d++) total = add(t2, total, mul(t2, daily[d], w[d]));
      t2.backward(sum(t2, total));

      for (const k of ['i0', 'beta', 'gamma'] as const) {
        const a = fused[k].grad![0], b = ref[k].grad![0];
        expect(Math.abs(a - b)).toBeLessThanOrEqual(2e-4 * Math.abs(b) + 1e-9);
      }
    }
  });

  it('backward: matches central finite differences of a float64 run', () => {
    const days = 40, spd = 4;
    const w = weights(days);
    const objective = (p: { beta: number; gamma: number; i0: number }) => {
      const daily = dailyNewInfections(simulateSir(p, days, spd));
      return daily.reduce((s, x, d) => s + w[d] * x, 0);
    };
    for (const c of cases) {
      const t = { i0: param([c.i0]), beta: param([c.beta]), gamma: param([c.gamma]) };
      const tape = new Tape();
      const out = sirDailyInfections(tape, t.i0, t.beta, t.gamma, days, spd);
      tape.backward(out, { seed: Float32Array.from(w) });
      for (const k of ['i0', 'beta', 'gamma'] as const) {
        // Evaluate at the float32 values the op actually saw.
        const base = { beta: t.beta.data[0], gamma: t.gamma.data[0], i0: t.i0.data[0] };
        const fd = centralDifference(() => objective(base), base, k, (v) => 1e-6 * v);
        expect(Math.abs(t[k].grad![0] - fd)).toBeLessThanOrEqual(1e-4 * Math.abs(fd) + 1e-9);
      }
    }
  });

  it('keeps a batch of epidemics independent', () => {
    const tape = new Tape();
    const i0 = param([1e-4, 3e-3]), beta = param([0.6, 1.4]), gamma = param([0.2, 0.9]);
    const out = sirDailyInfections(tape, i0, beta, gamma, 20, 4);
    const seed = new Float32Array(40);
    for (let d = 0; d < 20; d++) seed[d * 2] = 1; // only the first epidemic's outputs count
    tape.backward(out, { seed });
    expect(beta.grad![0]).not.toBe(0);
    expect(beta.grad![1]).toBe(0);
    expect(gamma.grad![1]).toBe(0);
    expect(i0.grad![1]).toBe(0);
  });
});
