/** Number and date formats every figure shares, so the same quantity always reads the same way. */
import { format } from 'd3-format';

export const formatCount = format(',');
export const formatCompact = (v: number) => (v >= 1000 ? `${format('~g')(v / 1000)}k` : String(v));

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC'
});
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Mon 6 Apr 2020" */
export const formatLongDate = (d: Date) => LONG_DATE.format(d).replace(',', '');
/** "6 Apr" */
export const formatShortDate = (d: Date) => SHORT_DATE.format(d);

/** Fixed decimals, and never "NaN" or "Infinity" on screen: those become an em dash. */
export function formatFixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/**
 * A number to a few significant digits (losses and gradients span many decades), and never "NaN"
 * or "Infinity" on screen: those become an em dash.
 */
export function formatSignificant(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e6 ? v.toPrecision(digits) : v.toExponential(digits - 1);
}
