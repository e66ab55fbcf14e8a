/**
 * What figure 2c's fit cannot tell by itself: how many New Yorkers it says were ever infected,
 * set against an independent measurement, the antibody surveys of late April 2020.
 *
 * The fit sees only confirmed cases, which are ρ times the new infections. Many (ρ, infections)
 * pairs draw nearly the same bars, so the share infected it implies hangs on a number the cases
 * alone barely decide; the surveys measured that share directly.
 */
import { FIT_STEPS_PER_DAY, type SirFitParams } from './sir-fit';
import { simulateSir } from './sir';

/**
 * Share of New York City residents with antibodies against the virus in the state's survey of
 * 19–28 April 2020: 22.7% (Rosenberg et al., "Cumulative incidence and diagnosis of SARS-CoV-2
 * infection in New York", Annals of Epidemiology 48, 2020). A measured constant, not computed here.
 */
export const NYC_SURVEY_SHARE = 0.227;
/** The day the figure compares the two on: the end of the default fit window. */
export const NYC_SURVEY_DATE = '2020-04-20';

/**
 * The model's share of the population ever infected by the end of day `day` (day 0 is the first
 * day of the data): 1 − S at t = day + 1, on the same integration the fit uses.
 */
export function impliedShareInfected(p: SirFitParams, day: number, stepsPerDay = FIT_STEPS_PER_DAY): number {
  const run = simulateSir({ beta: p.beta, gamma: p.gamma, i0: p.i0 }, day + 1, stepsPerDay);
  return 1 - run.S[day + 1];
}

/**
 * The ρ at which a fit with ρ held would imply the share `target` by the end of `day`.
 *
 * Does 1 − S at a date depend on ρ through the fit? Yes, and nearly as 1/ρ. Up to that date the
 * model's confirmed cases add up to M = ρ·N·(S(0) − S(day+1)) = ρ·N·(share − i0), since
 * 1 − S(0) = i0. The data pin M (it is what the bars add up to), so a refit with ρ held elsewhere
 * keeps M and the starting infections about where they are and moves the share instead:
 * share′ = i0 + M/(ρ′·N). Solving share′ = target gives the closed form below. It is exact for the
 * confirmed total of the current fit; how close the refit's share lands to the target is checked
 * by a unit test (tests/unit/models/sir-survey.test.ts) that runs the held fit.
 */
export function rhoMatchingShare(p: SirFitParams, day: number, target: number, stepsPerDay = FIT_STEPS_PER_DAY): number {
  const share = impliedShareInfected(p, day, stepsPerDay);
  if (!(target > p.i0) || !(share > p.i0)) throw new Error('rhoMatchingShare: the target and the share must exceed the starting infections');
  return Math.min(1, (p.rho * (share - p.i0)) / (target - p.i0));
}
