/**
 * Where a key moves a cursor along a row of things (characters of a text, places of a sequence):
 * left and right one step, Home and End to the ends, always within 0 … last. Null for any other
 * key, so the caller lets that key do what it normally does.
 */
const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowLeft: (at) => at - 1,
  ArrowRight: (at) => at + 1,
  Home: () => 0,
  End: (_, last) => last
};

export function arrowIndex(key: string, at: number, last: number): number | null {
  const move = MOVES[key];
  return move ? Math.max(0, Math.min(last, move(at, last))) : null;
}

/** The same for a key event: the new index, with the key's default action stopped; null for other keys. */
export function arrowStep(e: KeyboardEvent, at: number, last: number): number | null {
  const next = last < 0 ? null : arrowIndex(e.key, at, last);
  if (next !== null) e.preventDefault();
  return next;
}
