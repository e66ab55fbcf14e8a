import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { Controls, choice, fieldOf, optionGroups, schemaOf, slider, toggle, valueText } from '$lib/ui/controls.svelte';
import { FigureFrame, URL_SETTLE_MS } from '$lib/ui/figure-frame.svelte';
import { int, num, oneOf, parseState } from '$lib/ui/url-state';
import { DeferredFigureState, FigureState } from '$lib/ui/figure-state.svelte';

const SPECS = {
  beta: slider('β', 0.05, 1.5, 0.01, 0.5, { format: (v) => v.toFixed(2) }),
  seed: slider('Seed', 1, 100, 1, 7, { whole: true, advanced: true }),
  log: toggle('Log scale', false),
  opt: choice('Optimiser', [{ value: 'sgd', label: 'Plain' }, { value: 'adam', label: 'Adam' }], 'sgd', { advanced: true }),
  speed: slider('Speed', 0.25, 4, 0.25, 1, { transient: true })
};

/** A frame for figure 9z over a fake address bar. */
function frameAt(search: string) {
  const replaced: string[] = [];
  vi.stubGlobal('location', { search, pathname: '/', hash: '' });
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => {
      replaced.push(url);
      (location as { search: string }).search = url.slice(1).replace(/^[^?]*/, '');
    }
  });
  const frame = new FigureFrame('');
  frame.id = '9z';
  return { frame, replaced };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a control declared once', () => {
  it('gives the URL the same range, step and default as the input', () => {
    expect(fieldOf(SPECS.beta)).toEqual({ kind: 'number', min: 0.05, max: 1.5, step: 0.01, default: 0.5 });
    expect(fieldOf(SPECS.seed)).toEqual({ kind: 'int', min: 1, max: 100, default: 7 });
    expect(fieldOf(SPECS.opt)).toMatchObject({ kind: 'enum', values: ['sgd', 'adam'], default: 'sgd' });
    // A transient control never reaches a link.
    expect(Object.keys(schemaOf(SPECS))).toEqual(['beta', 'seed', 'log', 'opt']);
    // Out of range in a link: clamped to the input's own ends, snapped to its step.
    expect(parseState(schemaOf(SPECS), '9z', '?f9z.beta=9&f9z.seed=-4&f9z.opt=zzz')).toEqual({ beta: 1.5, seed: 1, log: false, opt: 'sgd' });
    expect(parseState(schemaOf(SPECS), '9z', '?f9z.beta=0.333')).toMatchObject({ beta: 0.33 });
  });

  it('keeps a value set off the input\'s step on its finer grid', () => {
    const start = slider('Start', -3, 7, 0.05, 4, { grid: 0.01 });
    expect(fieldOf(start)).toEqual({ kind: 'number', min: -3, max: 7, step: 0.01, default: 4 });
    expect(parseState({ a: fieldOf(start) }, '9z', '?f9z.a=4.373')).toEqual({ a: 4.37 });
  });

  it('says each value in the words its input shows', () => {
    expect(valueText(SPECS.beta, 0.5)).toBe('0.50');
    expect(valueText(SPECS.log, true)).toBe('on');
    expect(valueText(SPECS.opt, 'adam')).toBe('Adam');
  });
});

describe('a menu with headings', () => {
  it('keeps its options in order, in runs of the same group', () => {
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B', group: 'one' },
      { value: 'c', label: 'C', group: 'one' },
      { value: 'd', label: 'D', group: 'two' },
      { value: 'e', label: 'E', group: 'one' }
    ];
    expect(optionGroups(options).map((r) => [r.group, r.options.map((o) => o.value).join('')])).toEqual([
      [undefined, 'a'],
      ['one', 'bc'],
      ['two', 'd'],
      ['one', 'e']
    ]);
    // The URL still takes every option, whatever its group.
    expect(fieldOf(choice('Word', options, 'a', { look: 'menu' }))).toMatchObject({ values: ['a', 'b', 'c', 'd', 'e'] });
  });
});

describe('Controls', () => {
  it('starts from the link, clamped, and keeps the address bar in step once the controls settle', () => {
    const { frame, replaced } = frameAt('?f9z.beta=7&f9z.speed=3&other=1');
    let c!: Controls<typeof SPECS>;
    const stop = $effect.root(() => {
      c = new Controls(SPECS, () => frame);
    });
    expect(c.values).toEqual({ beta: 1.5, seed: 7, log: false, opt: 'sgd', speed: 1 });
    flushSync();
    c.values.beta = 0.25;
    c.values.opt = 'adam';
    c.values.speed = 2;
    flushSync();
    expect(replaced).toEqual([]); // not while the reader is still dragging
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?other=1&f9z.beta=0.25&f9z.opt=adam');
    c.reset();
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?other=1');
    expect(c.values).toEqual({ beta: 0.5, seed: 7, log: false, opt: 'sgd', speed: 1 });
    stop();
  });

  it('splits first and advanced controls in declared order and describes them', () => {
    const stop = $effect.root(() => {
      const c = new Controls(SPECS, () => undefined);
      expect(c.names(false)).toEqual(['beta', 'log', 'speed']);
      expect(c.names(true)).toEqual(['seed', 'opt']);
      expect(c.text(['beta', 'opt'])).toBe('β 0.50, Optimiser Plain');
    });
    stop();
  });
});

describe('FigureState (URL state no control draws)', () => {
  it('starts from the link, clamped, and writes back only what differs from the defaults', () => {
    const { frame, replaced } = frameAt('?f9z.position=250');
    const SCHEMA = { position: int(0, 100, 0), picked: oneOf(['a', 'b'], 'a') };
    let view!: FigureState<typeof SCHEMA>['values'];
    const stop = $effect.root(() => {
      view = new FigureState(SCHEMA, () => frame).values;
    });
    expect(view).toEqual({ position: 100, picked: 'a' });
    view.position = 40;
    view.picked = 'b';
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?f9z.position=40&f9z.picked=b');
    stop();
  });

  it('without a frame starts at the defaults and writes nothing', () => {
    const stop = $effect.root(() => {
      expect(new FigureState({ n: int(1, 9, 3) }, () => undefined).values).toEqual({ n: 3 });
    });
    stop();
  });
});

describe('DeferredFigureState (URL state whose schema needs something loaded)', () => {
  it('writes nothing before ready, then reads the link clamped and keeps the address bar in step', () => {
    const { frame, replaced } = frameAt('?f9z.n=50');
    // The figure's own state, wherever it lives; the schema's range is only known once "loaded".
    const figure = $state({ n: 3 });
    let url!: DeferredFigureState<{ n: ReturnType<typeof int> }>;
    const stop = $effect.root(() => {
      url = new DeferredFigureState(() => frame);
    });
    figure.n = 4;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced).toEqual([]); // the link's n=50 is not overwritten while loading
    const link = url.ready({ n: int(1, 9, 3) }, () => ({ ...figure }));
    expect(link).toEqual({ n: 9 });
    figure.n = link.n;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?f9z.n=9');
    figure.n = 5;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?f9z.n=5');
    stop();
  });
});

describe('a figure\'s other URL state', () => {
  it('sits beside the controls and reaches the address bar through the same one writer', () => {
    const { frame, replaced } = frameAt('?f9z.day=500&f9z.beta=0.75');
    let c!: Controls<typeof SPECS, { day: ReturnType<typeof int> }>;
    const stop = $effect.root(() => {
      c = new Controls(SPECS, () => frame, { day: int(0, 100, 10) });
    });
    expect(c.values).toMatchObject({ beta: 0.75, day: 100 });
    flushSync();
    c.values.day = 42;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    // Both kinds of state in one write: neither wipes the other's keys.
    expect(replaced.at(-1)).toBe('/?f9z.beta=0.75&f9z.day=42');
    // Reset is for the controls; the rest stays where it is.
    c.reset();
    expect(c.values).toMatchObject({ beta: 0.5, day: 42 });
    stop();
  });

  it('follows a schema whose defaults follow the state, writing only what differs from them', () => {
    // A knob defaulting to ten times the seed: the link names the seed, and the knob only once moved off it.
    const schemaAt = (state?: { seed: number }) => ({ seed: int(1, 9, 1), k0: num(-100, 100, 10 * (state?.seed ?? 1)) });
    const { frame, replaced } = frameAt('?f9z.seed=3');
    let values!: { seed: number; k0: number };
    const stop = $effect.root(() => {
      values = new FigureState(schemaAt, () => frame).values;
    });
    expect(values).toEqual({ seed: 3, k0: 30 });
    flushSync();
    values.seed = 4;
    values.k0 = 40;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?f9z.seed=4');
    values.k0 = 41;
    flushSync();
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(replaced.at(-1)).toBe('/?f9z.seed=4&f9z.k0=41');
    stop();
  });
});
