import { describe, expect, it } from 'vitest';
import { csvParseRows } from 'd3-dsv';
import { decodeSafetensors } from '$lib/engine';
import { Mlp } from '$lib/models/mlp/mlp';
import { curvesCsv, networkSafetensors, sirFitJson } from '$lib/models/fit-export';
import { NYC_SERIES } from '$lib/data/daily-series';

describe('exporting what the reader fitted', () => {
  it('writes the network as safetensors that load back into the same knobs', () => {
    const net = new Mlp(4, 7);
    const knobs = net.getKnobs();
    const bytes = networkSafetensors(NYC_SERIES, { width: 4, seed: 7, knobs, steps: 12, optimizer: 'adam', lr: 0.01, loss: 0.5, countScale: 6353 });
    const { tensors, metadata } = decodeSafetensors(bytes);
    const back = new Mlp(4, 99);
    for (const p of back.parameters()) p.data.set(tensors.get(p.name!)!.data);
    expect(Array.from(back.getKnobs())).toEqual(Array.from(knobs));
    expect(metadata).toMatchObject({ width: '4', seed: '7', steps: '12', countScale: '6353', firstDay: '2020-02-29' });
  });

  it('writes the SIR fit with R₀ = β/γ and the window as dates', () => {
    const json = JSON.parse(sirFitJson(NYC_SERIES, { beta: 0.6, gamma: 0.2, i0: 1e-6, rho: 0.1 }, { start: 8, end: 51 }, 0.02));
    expect(json.R0).toBeCloseTo(3, 12);
    expect(json.window).toEqual({ from: '2020-03-08', to: '2020-04-20' });
    expect(json.infectedOnFirstDay).toBeCloseTo(8.336817, 6);
  });

  it('writes one CSV row a day, with empty cells where a curve is missing', () => {
    const rows = csvParseRows(curvesCsv(NYC_SERIES, null, NYC_SERIES.values.map((v) => v + 0.5)));
    expect(rows[0]).toEqual(['date', 'count', 'sir_model', 'network']);
    expect(rows).toHaveLength(155);
    expect(rows[1]).toEqual(['2020-02-29', '1', '', '1.50']);
  });
});
