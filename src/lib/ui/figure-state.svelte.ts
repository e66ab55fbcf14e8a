/**
 * A figure's state that a shared link carries but no declared control draws (a place on a road the
 * reader drags, a picked borough, a step of a walk-through): the same URL keys and clamping as a
 * control (url-state.ts), kept in step with the address bar by one effect, so no figure maps its
 * state to the URL by hand. Controls (controls.svelte.ts) are built on it.
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
    const read = (s: S) => (f ? f.readState(s) : parseState(s, '', ''));
    // A schema that follows the state is read twice: the shared fields first, then the version they name.
    const first = read(schemaAt());
    this.values = $state({ ...unsaved, ...(typeof schema === 'function' ? read(schemaAt(first)) : first) });
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
