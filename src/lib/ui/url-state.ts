/**
 * A figure's shareable state as a typed schema, in the spirit of TensorFlow Playground's
 * src/state.ts. Each figure declares its parameters once; the page keeps them in the query string
 * as `f<figure id>.<name>=<value>` (e.g. `?f2c.beta=0.42&f2c.gamma=0.18`; the `f` keeps keys
 * from starting with a digit), so a teacher can send a
 * link to an exact view. No DOM here: parsing is pure so it can be property-tested.
 *
 * Parsing never throws. A value that is not valid for its field is clamped (numbers out of range)
 * or dropped (anything else), and the field falls back to its default.
 */
import { figureKeyPrefix } from './figure-keys';

export interface NumberField { kind: 'number'; min: number; max: number; step?: number; default: number }
export interface IntField { kind: 'int'; min: number; max: number; default: number }
export interface BoolField { kind: 'bool'; default: boolean }
/** One of a fixed list of words; `V` keeps the words' literal types, so a figure needs no cast. */
export interface EnumField<V extends string = string> { kind: 'enum'; values: readonly V[]; default: V }
export type Field = NumberField | IntField | BoolField | EnumField;

export type Schema = Record<string, Field>;

type ValueOf<F extends Field> = F extends BoolField ? boolean : F extends EnumField<infer V> ? V : number;
export type StateOf<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

/** Longest raw value we look at; anything longer is junk, not a view. */
const MAX_RAW = 64;

// `+ 0` turns -0 into 0: a URL cannot tell them apart, so neither may a parsed state.
export const num = (min: number, max: number, def: number, step?: number): NumberField => ({ kind: 'number', min, max, step, default: def + 0 });
export const int = (min: number, max: number, def: number): IntField => ({ kind: 'int', min, max, default: def + 0 });
export const bool = (def: boolean): BoolField => ({ kind: 'bool', default: def });
export const oneOf = <const V extends string>(values: readonly V[], def: NoInfer<V>): EnumField<V> => ({ kind: 'enum', values, default: def });

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Snap to the step grid from min; rounding to 12 significant digits removes float dust. */
function snap(v: number, f: { min: number; step?: number }): number {
  if (!f.step) return v;
  return Number((f.min + Math.round((v - f.min) / f.step) * f.step).toPrecision(12));
}

/** One raw string to a valid value for `f`, or undefined when it cannot mean anything. */
export function parseValue(f: Field, raw: string): number | boolean | string | undefined {
  if (raw.length > MAX_RAW) return undefined;
  switch (f.kind) {
    case 'bool':
      return raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
    case 'enum':
      return (f.values as readonly string[]).includes(raw) ? raw : undefined;
    case 'number':
    case 'int': {
      // Number('') is 0 and Number(' 1 ') is 1: only a plain decimal literal counts.
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) return undefined;
      const v = Number(raw);
      if (!Number.isFinite(v)) return v > 0 ? f.max : v < 0 ? f.min : undefined;
      return clamp(f.kind === 'int' ? Math.round(v) : snap(v, f), f.min, f.max) + 0;
    }
  }
}

/** Does `v` satisfy `f`? (What every parsed value must do.) */
export function isValid(f: Field, v: unknown): boolean {
  switch (f.kind) {
    case 'bool':
      return typeof v === 'boolean';
    case 'enum':
      return typeof v === 'string' && (f.values as readonly string[]).includes(v);
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= f.min && v <= f.max;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= f.min && v <= f.max;
  }
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(schema)) out[k] = schema[k].default;
  return out as StateOf<S>;
}

/**
 * The state of figure `id` from a query string. Unknown keys, repeated keys (the first wins) and
 * invalid values are ignored. `__proto__` and the like cannot reach the result: only the schema's
 * own names are ever looked up.
 */
export function parseState<S extends Schema>(schema: S, id: string, search: string): StateOf<S> {
  const out = defaults(schema) as Record<string, unknown>;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return out as StateOf<S>;
  }
  for (const k of Object.keys(schema)) {
    const raw = params.get(figureKeyPrefix(id) + k);
    if (raw === null) continue;
    const v = parseValue(schema[k], raw);
    if (v !== undefined) out[k] = v;
  }
  return out as StateOf<S>;
}

function formatValue(f: Field, v: number | boolean | string): string {
  if (f.kind === 'bool') return v ? '1' : '0';
  if (typeof v === 'number') return String(v); // the shortest text that reads back as exactly v
  return String(v);
}

/** Only the fields that differ from their defaults, as `[key, value]` pairs. */
export function serializeState<S extends Schema>(schema: S, id: string, state: StateOf<S>): [string, string][] {
  const out: [string, string][] = [];
  for (const k of Object.keys(schema)) {
    const f = schema[k];
    const v = (state as Record<string, number | boolean | string>)[k];
    if (!isValid(f, v) || v === f.default) continue;
    out.push([figureKeyPrefix(id) + k, formatValue(f, v)]);
  }
  return out;
}

/** `search` with every key of figure `id` replaced by `entries`; other figures' keys stay. */
export function withFigureState(search: string, id: string, entries: [string, string][]): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(figureKeyPrefix(id))) params.delete(key);
  for (const [k, v] of entries) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Only figure `id`'s keys from `search` (for a link or an embed of that one figure). */
export function figureQuery(search: string, id: string): string {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(search)) if (k.startsWith(figureKeyPrefix(id)) && !out.has(k)) out.set(k, v);
  const s = out.toString();
  return s ? `?${s}` : '';
}
