/**
 * What a reader takes home from figures 2c and 5d: the SIR fit's parameters as JSON, the
 * network's weights as safetensors (the names the engine's layers give them, so the file loads
 * back into an Mlp of the same width), and the data with both fitted curves as CSV.
 */
import { csvFormatRows } from 'd3-dsv';
import { encodeSafetensors, type Tensor } from '$lib/engine';
import type { DailySeries } from '$lib/data/daily-series';
import { calendarOf } from '$lib/data/daily-series';
import { Mlp } from './mlp/mlp';
import type { FitWindow, SirFitParams } from './sir/sir-fit';

export function sirFitJson(series: DailySeries, p: SirFitParams, w: FitWindow, loss: number): string {
  const { isoOfDay } = calendarOf(series);
  return JSON.stringify(
    {
      series: series.name,
      source: series.source,
      firstDay: isoOfDay(0),
      days: series.values.length,
      population: series.population,
      window: { from: isoOfDay(w.start), to: isoOfDay(w.end) },
      beta: p.beta,
      gamma: p.gamma,
      R0: p.beta / p.gamma,
      infectedFractionOnFirstDay: p.i0,
      infectedOnFirstDay: p.i0 * series.population,
      rho: p.rho,
      loss,
      loss_definition: 'mean over the window of (log(1 + model) − log(1 + count))²'
    },
    null,
    2
  );
}

export interface NetworkRecord {
  width: number;
  seed: number;
  knobs: ArrayLike<number>;
  steps: number;
  optimizer: string;
  lr: number;
  loss: number;
  countScale: number;
}

export function networkSafetensors(series: DailySeries, r: NetworkRecord): Uint8Array {
  const net = new Mlp(r.width, r.seed);
  net.setKnobs(r.knobs);
  const tensors = new Map<string, Tensor>(net.parameters().map((p) => [p.name!, p]));
  return encodeSafetensors(tensors, {
    series: series.name,
    firstDay: calendarOf(series).isoOfDay(0),
    days: String(series.values.length),
    width: String(r.width),
    seed: String(r.seed),
    optimizer: r.optimizer,
    lr: String(r.lr),
    steps: String(r.steps),
    loss: String(r.loss),
    countScale: String(r.countScale),
    scaling: 'x = 2·day/(days − 1) − 1, count = y · countScale'
  });
}

/** One row a day: date, count, and each fitted curve (empty where there is none). */
export function curvesCsv(series: DailySeries, sir: ArrayLike<number> | null, network: ArrayLike<number> | null): string {
  const { isoOfDay } = calendarOf(series);
  const cell = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : v.toFixed(2));
  return csvFormatRows([
    ['date', 'count', 'sir_model', 'network'],
    ...series.values.map((c, d) => [isoOfDay(d), String(c), cell(sir?.[d]), cell(network?.[d])])
  ]);
}
