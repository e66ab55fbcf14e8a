/**
 * The SIR integration as ONE op on the engine's tape, with a hand-written backward sweep.
 *
 * Why an op of its own: written with the engine's elementwise ops, each RK4 step of the
 * two-variable system takes about 45 nodes on one-element tensors, and the engine's per-op cost
 * (a broadcast plan, a closure, a gradient buffer) dominates: the fit to New York ran at ~14 ms per
 * Adam step in Node, so a fit took half a minute. Fused, the whole integration is one node and a
 * step costs a fraction of a millisecond. The backward is the exact reverse-mode derivative of the
 * same RK4 arithmetic (the discrete adjoint), so the gradient is that of the numbers the forward
 * produced, not of an idealised ODE. tests/unit/models/sir-op.test.ts checks it against the same
 * integration written in elementwise engine ops (whose gradients the engine's own backward gives)
 * and against finite differences.
 *
 * State: u = 1 − S (the fraction ever infected) and I. In those variables
 *   du/dt = a = β·(1 − u)·I          (new infections; −dS/dt of the lecture's equations)
 *   dI/dt = b = a − γ·I
 * The output is each day's new infections, Σ over that day's steps of the RK4 increment of u:
 * summing increments directly avoids subtracting two values of S near 1, which float32 tensors
 * could not do accurately. Arithmetic inside the op is float64.
 */
import type { Tape, Tensor } from '$lib/engine';

// Where rk4Stages puts each stage's slopes (a, b) and the states the later stages start from.
const A1 = 0, B1 = 1, A2 = 2, B2 = 3, A3 = 4, B3 = 5, A4 = 6, B4 = 7, U2 = 8, V2 = 9, U3 = 10, V3 = 11, U4 = 12, V4 = 13;
const STAGE_VALUES = 14;

/**
 * One RK4 step's four stages from (u, v), written into `st` (a buffer reused for every step, so the
 * hot loop allocates nothing). The forward sums the slopes; the backward re-runs the same arithmetic
 * for the states its vector–Jacobian products are taken at.
 */
function rk4Stages(st: Float64Array, u: number, v: number, be: number, ga: number, h: number): void {
  const a1 = be * (1 - u) * v, b1 = a1 - ga * v;
  const u2 = u + 0.5 * h * a1, v2 = v + 0.5 * h * b1;
  const a2 = be * (1 - u2) * v2, b2 = a2 - ga * v2;
  const u3 = u + 0.5 * h * a2, v3 = v + 0.5 * h * b2;
  const a3 = be * (1 - u3) * v3, b3 = a3 - ga * v3;
  const u4 = u + h * a3, v4 = v + h * b3;
  const a4 = be * (1 - u4) * v4, b4 = a4 - ga * v4;
  st[A1] = a1; st[B1] = b1; st[A2] = a2; st[B2] = b2; st[A3] = a3; st[B3] = b3; st[A4] = a4; st[B4] = b4;
  st[U2] = u2; st[V2] = v2; st[U3] = u3; st[V3] = v3; st[U4] = u4; st[V4] = v4;
}

/**
 * Daily new infections (fractions of the population) for `days` days, for a batch of B
 * independent epidemics. i0, beta, gamma: tensors of shape [B]. Output: [days, B].
 */
export function sirDailyInfections(tape: Tape, i0: Tensor, beta: Tensor, gamma: Tensor, days: number, stepsPerDay: number): Tensor {
  const B = i0.size;
  if (beta.size !== B || gamma.size !== B) throw new Error('sirDailyInfections: i0, beta and gamma need the same size');
  const h = 1 / stepsPerDay;
  const steps = days * stepsPerDay;
  const out = tape.output([days, B]);
  const O = out.data;
  // State at the start of every step, kept for the backward sweep (which re-derives the stages).
  const U = new Float64Array((steps + 1) * B);
  const V = new Float64Array((steps + 1) * B); // I
  const st = new Float64Array(STAGE_VALUES);
  for (let b = 0; b < B; b++) {
    const be = beta.data[b], ga = gamma.data[b];
    let u = i0.data[b], v = i0.data[b];
    U[b] = u;
    V[b] = v;
    for (let d = 0; d < days; d++) {
      let today = 0;
      for (let s = 0; s < stepsPerDay; s++) {
        rk4Stages(st, u, v, be, ga, h);
        const du = (h / 6) * (st[A1] + 2 * st[A2] + 2 * st[A3] + st[A4]);
        v += (h / 6) * (st[B1] + 2 * st[B2] + 2 * st[B3] + st[B4]);
        u += du;
        today += du;
        const k = d * stepsPerDay + s + 1;
        U[k * B + b] = u;
        V[k * B + b] = v;
      }
      O[d * B + b] = today;
    }
  }

  tape.record('sir_daily_infections', [i0, beta, gamma], out, () => {
    const G = out.grad!;
    for (let b = 0; b < B; b++) {
      const be = beta.data[b], ga = gamma.data[b];
      // Adjoints of the running state (u, v) and of the parameters.
      let gu = 0, gv = 0, gbe = 0, gga = 0;
      // Vector–Jacobian product of one evaluation of (a, b) = f(u, v) with adjoint (ga_, gb_),
      // added into (ju, jv) and the parameter adjoints:
      //   ∂a/∂u = −βv, ∂a/∂v = β(1−u), ∂a/∂β = (1−u)v;  b = a − γv adds ∂b/∂v −γ, ∂b/∂γ = −v.
      let ju = 0, jv = 0;
      const vjp = (u: number, v: number, gA: number, gB: number) => {
        const gAll = gA + gB; // b contains a, so a's adjoint collects both
        ju = -be * v * gAll;
        jv = be * (1 - u) * gAll - ga * gB;
        gbe += (1 - u) * v * gAll;
        gga -= v * gB;
      };
      for (let d = days - 1; d >= 0; d--) {
        const gToday = G[d * B + b];
        for (let s = stepsPerDay - 1; s >= 0; s--) {
          const k = d * stepsPerDay + s;
          const u = U[k * B + b], v = V[k * B + b];
          // Re-run the stages of this step.
          rk4Stages(st, u, v, be, ga, h);
          const u2 = st[U2], v2 = st[V2], u3 = st[U3], v3 = st[V3], u4 = st[U4], v4 = st[V4];
          // u' = u + du, v' = v + dv, today += du: the increments' adjoints.
          const gdu = gu + gToday, gdv = gv;
          // du = h/6 (a1 + 2a2 + 2a3 + a4), dv likewise with b: stage adjoints before the chain.
          const gA4 = (h / 6) * gdu, gB4 = (h / 6) * gdv;
          let gA3 = (h / 3) * gdu, gB3 = (h / 3) * gdv;
          let gA2 = (h / 3) * gdu, gB2 = (h / 3) * gdv;
          let gA1 = (h / 6) * gdu, gB1 = (h / 6) * gdv;
          // The step's start state feeds every stage directly (u' = u + …, u_j = u + …).
          let gU = gu, gV = gv;
          // Stage 4: (a4, b4) = f(u4, v4), u4 = u + h·a3, v4 = v + h·b3.
          vjp(u4, v4, gA4, gB4);
          gU += ju; gV += jv; gA3 += h * ju; gB3 += h * jv;
          // Stage 3: u3 = u + h/2·a2.
          vjp(u3, v3, gA3, gB3);
          gU += ju; gV += jv; gA2 += 0.5 * h * ju; gB2 += 0.5 * h * jv;
          // Stage 2: u2 = u + h/2·a1.
          vjp(u2, v2, gA2, gB2);
          gU += ju; gV += jv; gA1 += 0.5 * h * ju; gB1 += 0.5 * h * jv;
          // Stage 1 at the start state.
          vjp(u, v, gA1, gB1);
          gu = gU + ju;
          gv = gV + jv;
        }
      }
      // u(0) = v(0) = i0.
      if (i0.requiresGrad) i0.grad![b] += gu + gv;
      if (beta.requiresGrad) beta.grad![b] += gbe;
      if (gamma.requiresGrad) gamma.grad![b] += gga;
    }
  });
  return out;
}
