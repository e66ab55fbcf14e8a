/** Tick positions and labels for the lecture's axes. */
export interface Tick {
  value: number;
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Ticks on the first day of each month for a daily series starting at `start` (UTC). A series of
 * more than about 14 months (a reader's own data) gets every third, sixth or twelfth month, and
 * January is labelled with its year.
 */
export function monthTicks(start: Date, days: number): Tick[] {
  const months = days / 30.4;
  const every = months <= 14 ? 1 : months <= 40 ? 3 : months <= 80 ? 6 : 12;
  const ticks: Tick[] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(start.getTime() + d * 86_400_000);
    const m = date.getUTCMonth();
    if (date.getUTCDate() !== 1 || m % every !== 0) continue;
    ticks.push({ value: d, label: every > 1 && m === 0 ? String(date.getUTCFullYear()) : MONTHS[m] });
  }
  return ticks;
}

/** 1, 10, 100, 1k, 10k, 1M … */
function compact(v: number): string {
  return v >= 1e6 ? `${v / 1e6}M` : v >= 1000 ? `${v / 1000}k` : String(v);
}

/** Powers of ten from `lo` to `hi`, labelled 1, 10, 100, 1k, 10k … */
export function logTicks(lo: number, hi: number): Tick[] {
  const ticks: Tick[] = [];
  for (let v = Math.pow(10, Math.ceil(Math.log10(lo))); v <= hi * 1.0001; v *= 10) {
    ticks.push({ value: v, label: compact(v) });
  }
  return ticks;
}

/** "Nice" linear ticks from a d3 scale's ticks(), labelled compactly. */
export function linearTicks(values: number[]): Tick[] {
  return values.map((v) => ({ value: v, label: compact(v) }));
}
