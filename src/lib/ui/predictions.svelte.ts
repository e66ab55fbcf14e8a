/**
 * The reader's predictions (issue 18), kept only in this browser's localStorage under one key:
 * nothing is sent anywhere, and nothing goes into the address bar, so a shared link opens every
 * prediction unanswered. One store per page; the prediction moments write to it and the summary
 * at the end reads it.
 */
import type { Guess } from './predict-score';

export const PREDICTIONS_KEY = 'gh-predictions';
/** Set (to "1") when the reader has turned the questions off: a second reading, or a teacher preparing. */
export const PREDICTIONS_OFF_KEY = 'gh-predictions-off';

export interface StoredPrediction {
  /** The guess, part by part; empty when the reader pressed "Just show me". */
  guesses: Guess[];
  /** The score sentence shown at the reveal (empty when skipped). */
  sentence: string;
  right: boolean;
}

function readOff(): boolean {
  try {
    return localStorage.getItem(PREDICTIONS_OFF_KEY) === '1';
  } catch {
    return false;
  }
}

function read(): Record<string, StoredPrediction> {
  try {
    const raw = localStorage.getItem(PREDICTIONS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, StoredPrediction>) : {};
  } catch {
    // Storage refused (private mode, a sandbox) or unreadable: start empty, as on a first visit.
    return {};
  }
}

class Predictions {
  entries = $state<Record<string, StoredPrediction>>({});
  /** False until the browser's copy has been read (the prerendered page knows no guesses). */
  loaded = $state(false);
  /** The reader has turned the questions off: moments shrink to one line and no figure waits. */
  off = $state(false);
  /** The moments on this page, by the figure each one sits before (figure id → moment id). */
  private asking = $state<Record<string, string>>({});

  /** Reads the browser's copy once; call from onMount. */
  load(): void {
    if (this.loaded) return;
    this.entries = read();
    this.off = readOff();
    this.loaded = true;
  }

  /**
   * A moment says it is on the page, before its figure; the figure keeps its answer covered until
   * the moment is answered or skipped. Returns the call that takes it off again (on unmount).
   */
  ask(figure: string, moment: string): () => void {
    this.asking = { ...this.asking, [figure]: moment };
    return () => {
      const { [figure]: _gone, ...rest } = this.asking;
      this.asking = rest;
    };
  }

  /** The moment whose answer this figure shows, while it is still unanswered (null: nothing to wait for). */
  waitingFor(figure: string): string | null {
    const moment = this.asking[figure];
    return this.loaded && !this.off && moment && !this.entries[moment] ? moment : null;
  }

  /** "Just show me", from anywhere: the moment reads the stored skip and shows its answer. */
  skip(moment: string): void {
    this.save(moment, { guesses: [], sentence: '', right: false });
  }

  setOff(off: boolean): void {
    this.off = off;
    try {
      if (off) localStorage.setItem(PREDICTIONS_OFF_KEY, '1');
      else localStorage.removeItem(PREDICTIONS_OFF_KEY);
    } catch {
      // Storage refused: the choice lasts as long as the page.
    }
  }

  save(id: string, entry: StoredPrediction): void {
    this.entries = { ...this.entries, [id]: entry };
    this.write();
  }

  clear(): void {
    this.entries = {};
    this.write();
  }

  private write(): void {
    try {
      if (Object.keys(this.entries).length === 0) localStorage.removeItem(PREDICTIONS_KEY);
      else localStorage.setItem(PREDICTIONS_KEY, JSON.stringify(this.entries));
    } catch {
      // Storage refused: the guesses last as long as the page.
    }
  }
}

export const predictions = new Predictions();
