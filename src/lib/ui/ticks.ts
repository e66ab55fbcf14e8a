/** Tick positions and labels for the lecture's axes. */
export interface Tick {
  value: number;
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Ticks on the first day of each month for a daily series starting at `start` (UTC). */
export function monthTicks(start: Date, days: number): Tick[] {
  const ticks: Tick[] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(start.getTime() + d * 86_400_000);
    if (date.getUTCDate() === 1) ticks.push({ value: d, label: MONTHS[date.getUTCMonth()] });
  }
  return ticks;
}

/** Powers of ten from `lo` to `hi`, labelled 1, 10, 100, 1k, 10k … */
export function logTicks(lo: number, hi: number): Tick[] {
  const ticks: Tick[] = [];
  for (let v = Math.pow(10, Math.ceil(Math.log10(lo))); v <= hi * 1.0001; v *= 10) {
    ticks.push({ value: v, label: v >= 1000 ? `${v / 1000}k` : String(v) });
  }
  return ticks;
}

/** "Nice" linear ticks from a d3 scale's ticks(), labelled compactly. */
export function linearTicks(values: number[]): Tick[] {
  return values.map((v) => ({ value: v, label: v >= 1000 ? `${v / 1000}k` : String(v) }));
}
