/**
 * Properties of the knob encoding (src/lib/ui/url-knobs.ts): a network's knobs survive a trip
 * through the query string bit for bit as float32, only moved knobs are written, and hostile values
 * land inside each knob's range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { knobFields, knobState, knobsFrom, shortestFloat32 } from '$lib/ui/url-knobs';
import { isValid, parseState, serializeState, withFigureState } from '$lib/ui/url-state';

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

describe('shortestFloat32', () => {
  it('reads back as the same float32, in at most 9 significant digits', () => {
    fc.assert(
      fc.property(float32, (v) => {
        const d = shortestFloat32(v);
        expect(Math.fround(d)).toBe(Math.fround(v) + 0);
        expect(String(d).replace(/^-?0\.0*|[-.]|e.*$/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
      }),
      { numRuns: 3000 }
    );
  });

  it('gives back the short decimal a float32 came from', () => {
    expect(shortestFloat32(Math.fround(0.532))).toBe(0.532);
    expect(shortestFloat32(Math.fround(-1.25))).toBe(-1.25);
    expect(shortestFloat32(0)).toBe(0);
    expect(shortestFloat32(Math.fround(0.1) + 0)).toBe(0.1);
  });
});

/** A base setting, ranges that hold it (mostly), and a moved copy of it. */
const setup = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.record({
      base: fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: n, maxLength: n }),
      ranges: fc.array(fc.constantFrom(2, 3, 5, 10), { minLength: n, maxLength: n }),
      moves: fc.array(fc.option(fc.float({ min: -1, max: 1, noNaN: true }), { nil: undefined }), { minLength: n, maxLength: n })
    })
  )
  .map(({ base, ranges, moves }) => ({
    base,
    range: (i: number) => ranges[i],
    // A moved knob is a float32 inside its range, as figure 4a's knobs and 5c's descended knobs are.
    values: base.map((b, i) => (moves[i] === undefined ? b : Math.fround(moves[i]! * ranges[i])))
  }));

describe('knobs in the URL', () => {
  it('round-trips any knob setting exactly, writing only the moved knobs', () => {
    fc.assert(
      fc.property(setup, ({ base, range, values }) => {
        const schema = knobFields(base, range);
        const entries = serializeState(schema, '4a', knobState(values, base));
        const moved = values.filter((v, i) => v !== base[i]).length;
        expect(entries.length).toBe(moved);
        const back = knobsFrom(parseState(schema, '4a', withFigureState('', '4a', entries)), base);
        expect(back).toEqual(values.map((v) => v + 0)); // -0 and 0 are one value in a URL
      }),
      { numRuns: 1000 }
    );
  });

  it('keeps every knob inside its range whatever the URL says', () => {
    const raw = fc.oneof(fc.string(), fc.double().map(String), fc.constantFrom('NaN', '1e308', '-1e999', '', '__proto__', '<b>'));
    fc.assert(
      fc.property(setup, fc.dictionary(fc.integer({ min: -2, max: 45 }).map((i) => `k${i}`), raw), ({ base, range }, values) => {
        const schema = knobFields(base, range);
        const q = new URLSearchParams(Object.entries(values).map(([k, v]) => [`f4a.${k}`, v])).toString();
        const state = parseState(schema, '4a', q);
        const back = knobsFrom(state, base);
        back.forEach((v, i) => {
          expect(Number.isFinite(v)).toBe(true);
          // A knob the URL set lies in its range; one it left alone is the base value.
          if (v !== base[i]) expect(Math.abs(v)).toBeLessThanOrEqual(range(i));
        });
        for (const k of Object.keys(schema)) if (state[k] !== schema[k].default) expect(isValid(schema[k], state[k])).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });

  it('clamps a huge value to the end of the knob, ignores junk', () => {
    const base = [0.5, -0.25];
    const schema = knobFields(base, () => 3);
    expect(knobsFrom(parseState(schema, '4a', 'f4a.k0=1e308&f4a.k1=NaN'), base)).toEqual([3, -0.25]);
    expect(knobsFrom(parseState(schema, '4a', 'f4a.k0=-7&f4a.k1=0.1'), base)).toEqual([-3, Math.fround(0.1)]);
  });
});
