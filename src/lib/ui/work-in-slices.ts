/**
 * Runs a long computation on the main thread in slices of a few milliseconds, one slice per
 * animation frame, so the page keeps drawing and answering input while it works (figures use it
 * for jobs of tens to hundreds of milliseconds whose results they draw as they arrive; anything
 * longer belongs in a worker). Returns a function that cancels the rest of the work.
 */
export interface SliceOptions {
  /** Milliseconds of work per frame (default 8, half a 60 Hz frame). */
  budgetMs?: number;
  /** Called after each slice with the number of items done so far. */
  onProgress?: (done: number) => void;
  /** Called once when every item is done (not when cancelled). */
  onDone?: () => void;
}

export function workInSlices(count: number, work: (index: number) => void, options: SliceOptions = {}): () => void {
  const budget = options.budgetMs ?? 8;
  let done = 0;
  let frame = 0;
  let cancelled = false;
  const slice = () => {
    const start = performance.now();
    while (done < count && !cancelled) {
      work(done++);
      if (performance.now() - start >= budget) break;
    }
    if (cancelled) return;
    options.onProgress?.(done);
    if (done < count) frame = requestAnimationFrame(slice);
    else options.onDone?.();
  };
  frame = requestAnimationFrame(slice);
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}
