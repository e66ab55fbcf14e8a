import type { Component } from 'svelte';
import { settler } from './settle';
import { figureQuery, parseState, serializeState, withFigureState, type Schema, type StateOf } from './url-state';

/**
 * What a figure tells its frame while it runs: the text description screen readers hear
 * (kept current, e.g. "the fitted R0 is 3.1") and the data behind "show data as a table".
 */
export interface FigureTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** How long a figure must be still before its new description is announced. */
export const DESCRIBE_SETTLE_MS = 1200;

/**
 * A figure that never rests (a network training, a ball rolling) still has its description
 * refreshed this often, so a screen-reader user hears how a run is going without a word per frame.
 */
export const DESCRIBE_MAX_WAIT_MS = 8000;

/** How long controls must be still before the address bar is rewritten (one write per drag, not per tick). */
export const URL_SETTLE_MS = 300;

export class FigureFrame {
  description = $state('');
  table = $state<FigureTable | null>(null);

  /** This figure's part of the query string (`?f2c.beta=…`), for "copy link" and "copy embed code". */
  query = $state('');

  /** The figure's id, set by Figure.svelte; empty for a frame with no URL state (e.g. one nested in figure 9). */
  id = '';

  constructor(description: string) {
    this.description = description;
  }

  /**
   * The figure's initial state: the URL's values for this figure where they are valid, the schema's
   * defaults elsewhere. Call once when the figure mounts.
   */
  readState<S extends Schema>(schema: S): StateOf<S> {
    if (!this.id || typeof location === 'undefined') return parseState(schema, '', '');
    this.query = figureQuery(location.search, this.id);
    return parseState(schema, this.id, location.search);
  }

  private writing: ReturnType<typeof setTimeout> | undefined;

  /**
   * Put the figure's current state into the address bar once the controls settle. replaceState, so
   * a drag adds no history entries and the page does not scroll.
   */
  writeState<S extends Schema>(schema: S, state: StateOf<S>): void {
    if (!this.id || typeof location === 'undefined') return;
    const entries = serializeState(schema, this.id, state);
    clearTimeout(this.writing);
    this.writing = setTimeout(() => {
      const search = withFigureState(location.search, this.id, entries);
      this.query = figureQuery(search, this.id);
      if (search === location.search) return;
      // The browser's own replaceState, keeping history.state (SvelteKit's router keys live there):
      // $app/navigation's version also updates the page store, which re-renders the layout while a
      // figure may be training. Nothing reads figure state from the page store.
      history.replaceState(history.state, '', location.pathname + search + location.hash);
    }, URL_SETTLE_MS);
  }

  /**
   * Forget the settings this figure showed (a write still waiting, the query its share buttons
   * use): it is about to be rebuilt on another series. The address bar is cleaned by the frame's
   * shell (dropFigureKeys), which also does it for figures that have not loaded yet.
   */
  forgetState(): void {
    clearTimeout(this.writing);
    this.query = '';
  }


  /**
   * The description is a polite live region, so it is only committed once the figure has been
   * still for a moment: a reader dragging a slider or playing an animation hears one summary when
   * it settles, not one per frame; a figure that keeps changing is summarised every
   * DESCRIBE_MAX_WAIT_MS.
   */
  describe(text: string): void {
    this.settle(text);
  }

  private settle = settler<string>(DESCRIBE_SETTLE_MS, DESCRIBE_MAX_WAIT_MS, (text) => (this.description = text));

  setTable(table: FigureTable | null): void {
    this.table = table;
  }
}

/**
 * What a figure is: a component handed its frame. Declared here, beside the frame, so that the
 * Figure frame (ui) need not import the figure registry that imports the figures.
 */
export type FigureComponent = Component<{ frame: FigureFrame }>;
