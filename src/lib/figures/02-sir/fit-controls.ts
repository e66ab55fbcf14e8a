/**
 * Figure 2c's controls, declared once: the four dials (the starting infections and ρ on log10
 * scales, as their sliders move), the fit window, "hold ρ" and the chart's scale. The URL, the
 * inputs and the description all read these ranges. β, γ, i0 and ρ keep any value (`grid: 0`): gradient descent
 * lands between the dials' steps, and a shared link restores where it landed.
 */
import { slider, toggle } from '$lib/ui/controls.svelte';
import { formatCount, formatFixed } from '$lib/ui/format';
import { BETA_RANGE, GAMMA_RANGE, type FitWindow, type SirFitParams } from '$lib/models/sir/sir-fit';

export interface FitSetting {
  /** Where the dials start, and where Reset takes them. */
  start: SirFitParams;
  window: FitWindow;
  /** The last day of data a window slider may reach. */
  lastDay: number;
  population: number;
  /** A reader's own series may start much smaller than New York's. */
  custom: boolean;
  fmtDate: (day: number) => string;
}

const percentOf = (share: number) => `${formatFixed(share * 100, share < 0.01 ? 2 : 1)}%`;

export function fitControls(s: FitSetting) {
  return {
    beta: slider('β, infecting contacts per day', BETA_RANGE[0], BETA_RANGE[1], 0.005, s.start.beta, { grid: 0, format: (v) => formatFixed(v, 3) }),
    gamma: slider('γ, recoveries per day', GAMMA_RANGE[0], GAMMA_RANGE[1], 0.005, s.start.gamma, { grid: 0, format: (v) => formatFixed(v, 3) }),
    i0: slider(`Infected on ${s.fmtDate(0)}`, s.custom ? -9 : -7, -2, 0.05, Math.log10(s.start.i0), {
      grid: 0,
      format: (v) => `${formatCount(Math.round(Math.pow(10, v) * s.population))} people`
    }),
    rho: slider('ρ, infections confirmed', -3, -0.02, 0.02, Math.log10(s.start.rho), { grid: 0, format: (v) => percentOf(Math.pow(10, v)) }),
    from: slider('From', 0, s.lastDay, 1, s.window.start, { whole: true, format: s.fmtDate }),
    to: slider('To', 0, s.lastDay, 1, s.window.end, { whole: true, format: s.fmtDate }),
    hold: toggle('Hold ρ where it is while fitting (fit only β, γ and the starting infections)', false),
    log: toggle('Vertical scale', true)
  };
}

export type FitControlSpecs = ReturnType<typeof fitControls>;

/** The window the two window sliders name, at least two days wide whichever way they cross. */
export function windowOf(from: number, to: number): FitWindow {
  return { start: Math.min(from, to - 2), end: Math.max(to, from + 2) };
}
