/**
 * Figure 1c's machine built from the SIR model fitted in figure 2c: give it a day, it integrates the
 * fitted equations to that day and returns ρ·N times that day's new infections. Unlike the lookup
 * table it answers days after the data too (that is what a model is for), though not days before
 * the fit's starting point.
 */
import type { CaseMachine } from '../machine';
import { modelDailyCases, type SirFitParams } from './sir-fit';

/** By default the machine answers up to this many days after the first day of the data (29 February 2020 for New York). */
export const SIR_MACHINE_HORIZON = 400;

export function sirMachine(fit: SirFitParams, population: number, horizon = SIR_MACHINE_HORIZON): CaseMachine {
  const daily = modelDailyCases(fit, horizon, population);
  return {
    id: 'sir',
    name: 'SIR model, fitted',
    how: `Integrates the SIR equations with the fitted β = ${fit.beta.toFixed(3)} and γ = ${fit.gamma.toFixed(3)} per day to the chosen day and reports ρ × N × that day's new infections.`,
    answer: (day) => (Number.isInteger(day) && day >= 0 && day < horizon ? Math.round(daily[day]) : null)
  };
}
