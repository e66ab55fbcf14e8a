/**
 * A figure's settings live in the address bar under keys that start with `f<id>.` (f2c.beta …;
 * see url-state.ts). This small piece is all the page shell needs of that scheme, so the parser
 * itself stays in the figures' lazy code.
 */
export const figureKeyPrefix = (id: string) => `f${id}.`;

/** Remove every key of figure `id` from the address bar, without a history entry. */
export function dropFigureKeys(id: string): void {
  const params = new URLSearchParams(location.search);
  const keys = [...params.keys()].filter((k) => k.startsWith(figureKeyPrefix(id)));
  if (keys.length === 0) return;
  for (const k of keys) params.delete(k);
  const search = params.toString();
  history.replaceState(history.state, '', location.pathname + (search ? `?${search}` : '') + location.hash);
}
