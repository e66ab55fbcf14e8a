/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline copy of the lecture. On install it stores everything the page can ask for — the
 * prerendered pages, every built chunk (including lazily loaded figures and worker scripts), the
 * shipped model files and the cats/dogs photographs — so a reader who opened the lecture once can
 * reopen it, and use every figure, without a network.
 *
 * Size: about 8 MB, of which 6 MB are the two photo files that section 7 trains on. They are
 * precached too, because a reader who only read the top of the page should still find 7b working
 * offline. KaTeX's .woff/.ttf fallbacks are left out (browsers that run a service worker take
 * .woff2) and are cached on first use instead.
 *
 * Versions: one cache per build (`version`), older caches deleted on activate. Pages are
 * network-first so an online reader always gets the current deploy; a new worker waits until the
 * old version's tabs are closed (no skipWaiting) so an open page never loses its own chunks.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `gradient-handoff-${version}`;
/** How long a page request may wait for the network before a cached copy is served. */
const PAGE_TIMEOUT_MS = 4000;

/** Files whose content is fixed for this version: served from the cache first. */
const fixed = new Set([...build.filter((f) => !/\.(woff|ttf)$/.test(f)), ...files]);
const precache = [...fixed, ...prerendered];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // 'reload' skips the HTTP cache so a new version never stores an older copy of a static file.
      cache.addAll(precache.map((url) => new Request(url, { cache: 'reload' })))
    )
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // Take control of the page that installed us on a first visit, so it works offline at once.
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return; // never touch other origins (there should be none)
  if (request.headers.has('range')) return;

  if (fixed.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(networkThenCache(request));
  }
});

/** Hashed chunks never change and static files only change with a new version (a new cache). */
async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) ?? fetchAndStore(cache, request);
}

/** Pages: the network's copy when it answers in time, else the stored one (query ignored: figure state lives there). */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Stored under the bare path: a shared link's query string must not add a copy per view.
  const key = new URL(request.url);
  key.search = '';
  const network = fetchAndStore(cache, request, key.href);
  network.catch(() => {}); // a late failure after the timeout is not an error worth reporting
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, PAGE_TIMEOUT_MS));
  try {
    const fresh = await Promise.race([network, timeout]);
    if (fresh) return fresh;
  } catch {
    // offline: fall through to the stored copy
  }
  const stored = await cache.match(request, { ignoreSearch: true });
  return stored ?? network;
}

/** Anything else from our origin (e.g. a KaTeX fallback font): network, remembered for offline use. */
async function networkThenCache(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    return await fetchAndStore(cache, request);
  } catch (error) {
    const stored = await cache.match(request);
    if (stored) return stored;
    throw error;
  }
}

async function fetchAndStore(cache: Cache, request: Request, key: RequestInfo = request): Promise<Response> {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(key, response.clone());
  return response;
}
