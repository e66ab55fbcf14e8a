/**
 * The reader's predictions (issue 18), kept only in this browser's localStorage under one key:
 * nothing is sent anywhere, and nothing goes into the address bar, so a shared link opens every
 * prediction unanswered. One store per page; the prediction moments write to it and the summary
 * at the end reads it.
 */
import type { Guess } from './predict-score';

export const PREDICTIONS_KEY = 'gh-predictions';

export interface StoredPrediction {
  /** The guess, part by part; empty when the reader pressed "Just show me". */
  guesses: Guess[];
  /** The score sentence shown at the reveal (empty when skipped). */
  sentence: string;
  right: boolean;
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

  /** Reads the browser's copy once; call from onMount. */
  load(): void {
    if (this.loaded) return;
    this.entries = read();
    this.loaded = true;
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
