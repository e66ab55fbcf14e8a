/**
 * The page's side of the service worker's offline store (src/service-worker.ts).
 *
 * On a first visit the page fetches its scripts, styles and first figures before the service worker
 * takes control, so the worker never sees those requests. Once it controls the page, the page
 * sends it the list of what it has already fetched from our origin, and the worker stores those
 * files too (from the HTTP cache, usually without a download). Later requests pass through it.
 */
export function rememberLoaded(): void {
  if (!('serviceWorker' in navigator)) return;
  // Room for every file of a page that has loaded all its figures before the worker took control.
  performance.setResourceTimingBufferSize?.(2000);
  const send = (entries: PerformanceEntryList) => {
    const controller = navigator.serviceWorker.controller;
    if (!controller) return;
    const urls = entries.map((e) => new URL(e.name)).filter((u) => u.origin === location.origin).map((u) => u.pathname);
    if (urls.length) controller.postMessage({ type: 'remember', urls: [...new Set(urls)] });
  };
  if (navigator.serviceWorker.controller) send(performance.getEntriesByType('resource'));
  else navigator.serviceWorker.addEventListener('controllerchange', () => send(performance.getEntriesByType('resource')), { once: true });
  // A request that started before the worker took control finishes after it without passing
  // through it; its entry arrives here. (Files the worker did see are already stored: a no-op.)
  new PerformanceObserver((list) => send(list.getEntries())).observe({ type: 'resource' });
}

/** What the worker answers: the save's size, its progress, and its end. */
export type OfflineMessage =
  | { type: 'size'; bytes: number | null; files: number; saved: boolean }
  | { type: 'progress'; done: number; total: number }
  | { type: 'saved' }
  | { type: 'save-failed'; message: string };
