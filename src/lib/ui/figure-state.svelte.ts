/**
 * A figure's state that a shared link carries but no declared control draws (a place on a road the
 * reader drags, a picked borough, a step of a walk-through): the same URL keys and clamping as a
 * control (url-state.ts), kept in step with the address bar by one effect, so no figure maps its
 * state to the URL by hand. Controls (controls.svelte.ts) are built on it.
 */
import { parseState, type Schema, type StateOf } from './url-state';
import type { FigureFrame } from './figure-frame.svelte';

export class FigureState<S extends Schema> {
  readonly schema: S;
  /** The live values: read them, assign to them; the address bar follows once they settle. */
  values: StateOf<S>;

  /**
   * Create it while the figure's component initialises (it starts the effect that writes the URL).
   * `frame` is read then, once, for the values the URL brings; without a frame (a figure drawn
   * outside the lecture) the values start at their defaults and nothing is written. `unsaved` holds
   * values kept beside them that the URL never carries (a control's speed).
   */
  constructor(schema: S, frame: () => FigureFrame | undefined, unsaved: Record<string, unknown> = {}) {
    this.schema = schema;
    const f = frame();
    this.values = $state({ ...unsaved, ...(f ? f.readState(schema) : parseState(schema, '', '')) });
    if (f) {
      $effect(() => {
        const now: Record<string, unknown> = {};
        for (const name of Object.keys(schema)) now[name] = (this.values as Record<string, unknown>)[name];
        f.writeState(schema, now as StateOf<S>);
      });
    }
  }
}
