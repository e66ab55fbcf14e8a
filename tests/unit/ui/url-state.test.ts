/**
 * Properties of the URL state parser (src/lib/ui/url-state.ts): whatever arrives in a link, parsing
 * never throws and always yields a value its schema allows; every valid state survives a round trip
 * through the query string; hostile input is clamped or dropped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bool,
  defaults,
  figureQuery,
  int,
  isValid,
  num,
  oneOf,
  parseState,
  parseValue,
  serializeState,
  withFigureState,
  type Field,
  type Schema
} from '$lib/ui/url-state';

const SCHEMA = {
  beta: num(0.05, 1.2, 0.3),
  lr: num(-4, 1, -2, 0.05),
  seed: int(0, 1_000_000, 1),
  hold: bool(false),
  word: oneOf(['tired', 'wide', 'icy'], 'tired')
} satisfies Schema;

const fieldArb: fc.Arbitrary<Field> = fc.oneof(
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }))
    .map(([lo, span]) => num(lo, lo + span, lo)),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(1e6)).map(([lo, span]) => int(lo, lo + span, lo)),
  fc.boolean().map(bool),
  fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }).map((v) => oneOf(v, v[0]))
);

/** A valid value for `f`, drawn the way a reader's controls could set it. */
function valueArb(f: Field): fc.Arbitrary<number | boolean | string> {
  switch (f.kind) {
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...f.values);
    case 'int':
      return fc.integer({ min: f.min, max: f.max });
    case 'number':
      return f.step
        ? fc.integer({ min: 0, max: Math.floor((f.max - f.min) / f.step) }).map((k) => Number((f.min + k * f.step!).toPrecision(12)))
        : fc.double({ min: f.min, max: f.max, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v));
  }
}

const stateArb = fc.record({
  beta: valueArb(SCHEMA.beta),
  lr: valueArb(SCHEMA.lr),
  seed: valueArb(SCHEMA.seed),
  hold: valueArb(SCHEMA.hold),
  word: valueArb(SCHEMA.word)
}) as fc.Arbitrary<ReturnType<typeof defaults<typeof SCHEMA>>>;

function expectValid(state: Record<string, unknown>) {
  for (const k of Object.keys(SCHEMA)) expect(isValid(SCHEMA[k as keyof typeof SCHEMA], state[k]), `${k}=${String(state[k])}`).toBe(true);
  expect(Object.keys(state).sort()).toEqual(Object.keys(SCHEMA).sort());
}

describe('url-state parser', () => {
  it('never throws on arbitrary query strings and always returns a valid state', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (q) => expectValid(parseState(SCHEMA, '2c', q))),
      { numRuns: 2000 }
    );
  });

  it('never throws on arbitrary values under the right keys, and keeps them inside the schema', () => {
    const raw = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double().map(String), fc.bigInt().map(String), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1e-400', '', ' 1', '0x10', '1_000', '<script>alert(1)</script>', '%00', '__proto__'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(SCHEMA)), raw), (values) => {
        const q = new URLSearchParams(Object.entries(values).map(([k, v]) => [`f2c.${k}`, v])).toString();
        expectValid(parseState(SCHEMA, '2c', q));
      }),
      { numRuns: 2000 }
    );
  });

  it('parses every value of any field to something that field allows (or drops it)', () => {
    fc.assert(
      fc.property(fieldArb, fc.string({ maxLength: 80 }), (f, raw) => {
        const v = parseValue(f, raw);
        if (v !== undefined) expect(isValid(f, v)).toBe(true);
      }),
      { numRuns: 3000 }
    );
  });

  it('round-trips every valid state through serialize and parse', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const q = withFigureState('', '5d', serializeState(SCHEMA, '5d', state));
        expect(parseState(SCHEMA, '5d', q)).toEqual(state);
      }),
      { numRuns: 2000 }
    );
  });

  it('round-trips any valid value of any field', () => {
    fc.assert(
      fc.property(fieldArb.chain((f) => fc.tuple(fc.constant(f), valueArb(f))), ([f, v]) => {
        const schema = { x: f };
        const q = withFigureState('', '1a', serializeState(schema, '1a', { x: v } as never));
        // -0 and 0 are one value in a URL (and on screen); the parser hands back 0 for both.
        expect((parseState(schema, '1a', q) as { x: unknown }).x).toEqual(typeof v === 'number' ? v + 0 : v);
      }),
      { numRuns: 3000 }
    );
  });

  it('writes only values that differ from the defaults', () => {
    expect(serializeState(SCHEMA, '2c', defaults(SCHEMA))).toEqual([]);
    expect(serializeState(SCHEMA, '2c', { ...defaults(SCHEMA), seed: 7 })).toEqual([['f2c.seed', '7']]);
  });

  it('clamps huge and infinite numbers, drops NaN, junk and over-long values', () => {
    const p = (q: string) => parseState(SCHEMA, '2c', q);
    expect(p('f2c.beta=1e308').beta).toBe(1.2);
    expect(p('f2c.beta=-1e308').beta).toBe(0.05);
    expect(p('f2c.beta=1e999').beta).toBe(1.2); // Number() says Infinity
    expect(p('f2c.beta=NaN').beta).toBe(0.3);
    expect(p('f2c.beta=Infinity').beta).toBe(0.3); // not a decimal literal: dropped
    expect(p('f2c.beta=%3Cscript%3E').beta).toBe(0.3);
    expect(p('f2c.beta=').beta).toBe(0.3);
    expect(p('f2c.beta=0x10').beta).toBe(0.3);
    expect(p(`f2c.beta=0.${'5'.repeat(100)}`).beta).toBe(0.3);
    expect(p('f2c.seed=3.7').seed).toBe(4);
    expect(p('f2c.seed=-5').seed).toBe(0);
    expect(p('f2c.lr=-1.02').lr).toBe(-1);
    expect(p('f2c.hold=yes').hold).toBe(false);
    expect(p('f2c.word=constructor').word).toBe('tired');
    expect(p('f2c.word=%E0%A4%A').word).toBe('tired');
  });

  it('keeps __proto__ and unknown keys out of the result', () => {
    const s = parseState(SCHEMA, '2c', 'f2c.__proto__=1&__proto__[x]=1&f2c.constructor=1&f2c.polluted=1');
    expect(Object.keys(s).sort()).toEqual(Object.keys(SCHEMA).sort());
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes the first of repeated keys and ignores other figures', () => {
    const s = parseState(SCHEMA, '2c', 'f2c.seed=5&f2c.seed=9&f5d.seed=11&f2.seed=12');
    expect(s.seed).toBe(5);
  });

  it('rewrites only its own figure in a shared query string', () => {
    const q = withFigureState('?f2c.beta=0.5&f5d.seed=3&utm=x', '2c', [['f2c.gamma', '0.2']]);
    const params = new URLSearchParams(q);
    expect(params.get('f2c.beta')).toBeNull();
    expect(params.get('f2c.gamma')).toBe('0.2');
    expect(params.get('f5d.seed')).toBe('3');
    expect(params.get('utm')).toBe('x');
    expect(figureQuery(q, '5d')).toBe('?f5d.seed=3');
    expect(figureQuery('?f2c.x=1', '5d')).toBe('');
  });
});
