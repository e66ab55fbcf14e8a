/**
 * A shipped file (or set of files) loaded once per page: every caller shares the first load's
 * promise; a failed load is forgotten, so the next caller (a figure's "Try again") tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = null;
      throw e;
    }));
}
