import { describe, expect, it } from 'vitest';
import { SIR_MACHINE_HORIZON, sirMachine } from '$lib/models/sir/sir-machine';
import { dailyNewInfections, simulateSir } from '$lib/models/sir/sir';

describe('the SIR machine for figure 1c', () => {
  const fit = { beta: 0.39, gamma: 0.18, i0: 3e-4, rho: 0.024 };
  const N = 8_336_817;
  const m = sirMachine(fit, N);

  it('answers ρ·N·(new infections that day), inside and beyond the data', () => {
    const ref = dailyNewInfections(simulateSir(fit, 300, 40)); // a much finer step as the reference
    for (const day of [0, 10, 37, 153, 200, 299]) expect(m.answer(day)).toBe(Math.round(fit.rho * N * ref[day]));
  });

  it('says nothing for days it cannot answer', () => {
    expect(m.answer(-1)).toBeNull();
    expect(m.answer(2.5)).toBeNull();
    expect(m.answer(SIR_MACHINE_HORIZON)).toBeNull();
  });
});
