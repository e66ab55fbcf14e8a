/**
 * A network's knobs in the URL, one key per knob (`k0`, `k1`, …), each bounded by its range and
 * defaulting to a base setting (a seeded random start, the trained network). Only knobs the reader
 * moved away from the base differ from their defaults, so only they reach the query string: a
 * link to "the trained network with two knobs turned" carries two values, not 97.
 *
 * Knobs live in float32 (the engine's precision); each is written as the shortest decimal that reads
 * back as the same float32, so a link restores the very network the sharer saw. No DOM here.
 */
import { num, type Field } from './url-state';

/**
 * The shortest decimal (at most 9 significant digits, which always suffice) that is the same float32
 * as `v`. -0 comes back as 0: a URL cannot tell them apart.
 */
export function shortestFloat32(v: number): number {
  const f = Math.fround(v) + 0;
  if (!Number.isFinite(f)) return f;
  for (let digits = 1; digits < 9; digits++) {
    const d = Number(f.toPrecision(digits));
    if (Math.fround(d) === f) return d;
  }
  return Number(f.toPrecision(9));
}

const key = (i: number) => `k${i}`;

/** Schema fields `k0…` for knobs that default to `base` and may range over ±range(i). */
export function knobFields(base: ArrayLike<number>, range: (i: number) => number): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (let i = 0; i < base.length; i++) out[key(i)] = num(-range(i), range(i), base[i]);
  return out;
}

/**
 * The knobs as state to write: a knob still at its base value is given as exactly that default
 * (so it stays out of the URL); any other as its shortest float32 decimal.
 */
export function knobState(values: ArrayLike<number>, base: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < base.length; i++) out[key(i)] = values[i] === base[i] ? base[i] : shortestFloat32(values[i]);
  return out;
}

/**
 * The knobs a parsed state names: the base value where the URL said nothing (kept exactly, even
 * when it is not a float32, like a seeded draw in double precision), the float32 of the URL's value elsewhere.
 */
export function knobsFrom(state: Record<string, unknown>, base: ArrayLike<number>): number[] {
  return Array.from({ length: base.length }, (_, i) => {
    const v = state[key(i)];
    return (typeof v !== 'number' || v === base[i] ? base[i] : Math.fround(v)) + 0;
  });
}
