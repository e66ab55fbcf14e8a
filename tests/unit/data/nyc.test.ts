import { describe, expect, it } from 'vitest';
import {
  BOROUGHS,
  NYC_CITYWIDE,
  NYC_DAYS,
  NYC_POPULATION,
  dayOfIso,
  isoOfDay
} from '$lib/data/nyc';

describe('NYC daily cases (DOHMH trends/cases-by-day.csv)', () => {
  it('covers 154 days, 2020-02-29 … 2020-07-31', () => {
    expect(NYC_CITYWIDE).toHaveLength(154);
    expect(NYC_DAYS).toBe(154);
    expect(isoOfDay(0)).toBe('2020-02-29');
    expect(isoOfDay(153)).toBe('2020-07-31');
    expect(dayOfIso('2020-03-01')).toBe(1); // 2020 is a leap year: 29 Feb is real
    for (const b of BOROUGHS) expect(b.cases).toHaveLength(154);
  });

  it('totals 223,522 with its peak of 6,353 on 2020-04-06', () => {
    expect(NYC_CITYWIDE.reduce((a, b) => a + b, 0)).toBe(223_522);
    const peak = Math.max(...NYC_CITYWIDE);
    expect(peak).toBe(6_353);
    expect(isoOfDay(NYC_CITYWIDE.indexOf(peak))).toBe('2020-04-06');
  });

  it('has counts that are whole and non-negative', () => {
    for (const series of [NYC_CITYWIDE, ...BOROUGHS.map((b) => b.cases)])
      for (const v of series) expect(Number.isInteger(v) && v >= 0).toBe(true);
  });

  it('has boroughs that add up to the city within 0.01%', () => {
    const boroughTotal = BOROUGHS.reduce((s, b) => s + b.cases.reduce((a, c) => a + c, 0), 0);
    const city = NYC_CITYWIDE.reduce((a, b) => a + b, 0);
    expect(Math.abs(boroughTotal - city) / city).toBeLessThan(1e-4);
  });

  it('has borough populations that add up to the city population', () => {
    expect(BOROUGHS.reduce((s, b) => s + b.population, 0)).toBe(NYC_POPULATION);
  });
});
