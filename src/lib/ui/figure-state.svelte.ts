/**
 * A figure's state that a shared link carries but no declared control draws (a place on a road the
 * reader drags, a picked borough, a step of a walk-through): the same URL keys and clamping as a
 * control (url-state.ts), kept in step with the address bar by one effect, so no figure maps its
 * state to the URL by hand. Controls (controls.svelte.ts) are built on it; DeferredFigureState is the
 * same for a schema that can only be built once something has loaded.
 */
import { parseState, type Schema, type StateOf } from './url-state';
import type { FigureFrame } from './figure-frame.svelte';

/**
 * A schema, or one whose defaults follow the state itself (knobs that default to the draw of the
 * seed in the same state, so only knobs moved off that draw reach the URL). Called without a state
 * it gives the schema to read the fields every version shares (the seed).
 */
export type SchemaOf<S extends Schema> = S | ((state?: StateOf<S>) => S);

export class FigureState<S extends Schema> {
  /** The live values: read them, assign to them; the address bar follows once they settle. */
  values: StateOf<S>;

  /**
   * Create it while the figure's component initialises (it starts the effect that writes the URL).
   * `frame` is read then, once, for the values the URL brings; without a frame (a figure drawn
   * outside the lecture) the values start at their defaults and nothing is written. `unsaved` holds
   * values kept beside them that the URL never carries (a control's speed).
   */
  constructor(schema: SchemaOf<S>, frame: () => FigureFrame | undefined, unsaved: Record<string, unknown> = {}) {
    const schemaAt = typeof schema === 'function' ? schema : () => schema;
    const f = frame();
    this.values = $state({ ...unsaved, ...readOnce(schema, f) });
    if (f) {
      $effect(() => {
        const now = schemaAt(this.values);
        const state: Record<string, unknown> = {};
        for (const name of Object.keys(now)) state[name] = (this.values as Record<string, unknown>)[name];
        f.writeState(now, state as StateOf<S>);
      });
    }
  }
}

/**
 * URL state whose schema needs something loaded first (a key per knob of a network, bounded by
 * that knob's range): made at component init like FigureState, but it reads the URL only when the
 * figure calls `ready`, and its one writer starts only then, so the address bar is not rewritten
 * before the link's values are restored. The figure keeps the state where it lives (in a network,
 * say) and tells the writer what it is now.
 */
export class DeferredFigureState<S extends Schema> {
  #f: FigureFrame | undefined;
  #writing = $state.raw<{ schemaAt: (state?: StateOf<S>) => S; current: () => StateOf<S> } | null>(null);

  /** Create it while the figure's component initialises; `frame` is read then, once. */
  constructor(frame: () => FigureFrame | undefined) {
    const f = (this.#f = frame());
    if (f) {
      $effect(() => {
        if (!this.#writing) return;
        const { schemaAt, current } = this.#writing;
        const state = current();
        f.writeState(schemaAt(state), state);
      });
    }
  }

  /**
   * The link's values for `schema`, clamped like FigureState's (defaults without a frame), read now,
   * once. From then on the address bar follows `current()`, which the figure should have set from
   * these values before the next tick.
   */
  ready(schema: SchemaOf<S>, current: () => StateOf<S>): StateOf<S> {
    const values = readOnce(schema, this.#f);
    this.#writing = { schemaAt: typeof schema === 'function' ? schema : () => schema, current };
    return values;
  }
}

/** The values the URL brings for `schema` (the defaults without a frame). */
function readOnce<S extends Schema>(schema: SchemaOf<S>, f: FigureFrame | undefined): StateOf<S> {
  const read = (s: S) => (f ? f.readState(s) : parseState(s, '', ''));
  if (typeof schema !== 'function') return read(schema);
  // A schema that follows the state is read twice: the shared fields first, then the version they name.
  return read(schema(read(schema())));
}
