/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline copy of the lecture, light by default and whole when the reader asks.
 *
 * Install stores only the shell: the lecture page and the scripts and stylesheets its HTML names.
 * After that, every file the reader's page (or a figure's worker) fetches from our origin is stored
 * as it arrives — a figure's chunks, worker scripts, model files, the photos once section 7 asks
 * for them — so a reader can reload offline whatever they have already seen. The page also sends
 * the files it fetched before this worker took control ("remember"), which would otherwise be missed.
 *
 * "Save the lecture for offline use" (src/lib/ui/SaveOffline.svelte) sends "save": then every
 * file of the build — pages, chunks, static files (about 6 MB of them the cats/dogs photos) — is
 * fetched, with a progress message per file. "size" answers how many bytes that is, from
 * offline-sizes.json, which the build writes (src/lib/server/offline-sizes.js; it leaves out the
 * benchmark page's comparison libraries, which the lecture never loads). KaTeX's .woff/.ttf
 * fallbacks are left out of the save (browsers that run a service worker take .woff2) and are
 * cached on first use instead.
 *
 * Versions: one cache per build (`version`), older caches deleted on activate; a reader who saved
 * the whole lecture gets the whole new version saved at install. Pages are network-first so an
 * online reader always gets the current deploy; a new worker waits until the old version's tabs
 * are closed (no skipWaiting) so an open page never loses its own chunks.
 */
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `gradient-handoff-${version}`;
/** How long a page request may wait for the network before a cached copy is served. */
const PAGE_TIMEOUT_MS = 4000;
/** Stored once the whole lecture has been saved, so a new version knows to save itself whole too. */
const SAVED_MARK = `${base}/__saved-for-offline`;
/** How many files a save fetches at once. */
const PARALLEL = 4;

/** Files whose content is fixed for this version: served from the cache first. */
const fixed = new Set([...build.filter((f) => !/\.(woff|ttf)$/.test(f)), ...files]);
/** Everything "save" stores, as far as SvelteKit's lists know (see wholeSite for the rest). */
const everything = [...fixed, ...prerendered];
/**
 * Workers that a worker starts (the engine's thread helpers, src/lib/engine/threads.ts) are built
 * inside that worker's bundle, so SvelteKit's `build` list does not name them. They are hashed
 * files like the rest, so they are served from the cache first too.
 */
const isFixed = (path: string): boolean => fixed.has(path) || path.startsWith(`${base}/_app/immutable/workers/`);
const lecturePage = `${base}/`;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      if (await savedBefore()) {
        await saveAll(cache, () => {});
        return;
      }
      // The shell: the page, and the /_app/ files its HTML names (entry scripts, stylesheets, the
      // chunks it preloads). Anything else the page needs arrives through "remember" or the fetch handler.
      const page = await fetch(fresh(lecturePage));
      if (!page.ok) throw new Error(`install: ${lecturePage} answered ${page.status}`);
      const html = await page.clone().text();
      await cache.put(lecturePage, page);
      // SvelteKit writes them relative to the page ("./_app/immutable/…"), so each is resolved against it.
      const pageURL = new URL(lecturePage, sw.location.href);
      const named = new Set(
        [...html.matchAll(/["']([^"'\s]*\/_app\/immutable\/[^"'\s]+)["']/g)].map((m) => new URL(m[1], pageURL).pathname).filter((u) => fixed.has(u))
      );
      await cache.addAll([...named].map(fresh));
    })()
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

type Message = { type: 'remember'; urls: string[] } | { type: 'save' } | { type: 'size' };

sw.addEventListener('message', (event) => {
  const message = event.data as Message;
  const client = event.source as Client | null;
  const reply = (data: unknown) => client?.postMessage(data);
  if (message?.type === 'remember') {
    // Files the page fetched before we controlled it: probably still in the HTTP cache, so cheap.
    const urls = message.urls.filter((u) => fixed.has(u));
    event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((u) => storeIfMissing(cache, u).catch(() => {})))));
  } else if (message?.type === 'size') {
    event.waitUntil(
      (async () => {
        const table = await sizeTable().catch(() => null);
        const whole = wholeSite(table);
        const saved = Boolean(await (await caches.open(CACHE)).match(SAVED_MARK));
        reply({ type: 'size', bytes: table && sizes(table, whole), files: whole.length, saved });
      })()
    );
  } else if (message?.type === 'save') {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => saveAll(cache, (done, total) => reply({ type: 'progress', done, total })))
        .then(
          () => reply({ type: 'saved' }),
          (e) => reply({ type: 'save-failed', message: String(e) })
        )
    );
  }
});

/** The size of every file the build wrote, by its path below the base (offline-sizes.json). */
async function sizeTable(): Promise<Record<string, number>> {
  const response = await fetch(`${base}/offline-sizes.json`);
  if (!response.ok) throw new Error(`offline-sizes.json: ${response.status}`);
  return (await response.json()) as Record<string, number>;
}

/** Every file "save" stores: SvelteKit's lists, and the workers' own workers, which only the size table names. */
function wholeSite(table: Record<string, number> | null): string[] {
  if (!table) return everything;
  const nested = Object.keys(table).map((path) => base + path).filter((url) => isFixed(url) && !fixed.has(url));
  return [...everything, ...nested];
}

/** Bytes of the files `urls`, from the sizes the build wrote; null if one is missing. */
function sizes(table: Record<string, number>, urls: string[]): number | null {
  let bytes = 0;
  for (const url of urls) {
    const n = table[url.slice(base.length)];
    if (typeof n !== 'number') return null;
    bytes += n;
  }
  return bytes;
}

/** Store every file of the build, reporting after each one (files already stored count at once). */
async function saveAll(cache: Cache, progress: (done: number, total: number) => void): Promise<void> {
  let done = 0;
  const whole = wholeSite(await sizeTable().catch(() => null));
  const queue = [...whole];
  progress(done, whole.length);
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      await storeIfMissing(cache, url);
      progress(++done, whole.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await cache.put(SAVED_MARK, new Response('saved'));
}

async function savedBefore(): Promise<boolean> {
  for (const key of await caches.keys()) {
    if (key !== CACHE && key.startsWith('gradient-handoff-') && (await (await caches.open(key)).match(SAVED_MARK))) return true;
  }
  return false;
}

/**
 * Hashed files under /_app/immutable/ never change, so the browser's HTTP cache may serve them (the
 * page usually fetched them moments ago: no second download). Anything else is revalidated with
 * the server ('no-cache'), so a new version never stores an older copy of a page or a static file.
 */
const fresh = (url: string) => new Request(url, { cache: url.startsWith(`${base}/_app/immutable/`) ? 'default' : 'no-cache' });

async function storeIfMissing(cache: Cache, url: string): Promise<void> {
  if (await cache.match(url)) return;
  const response = await fetch(fresh(url));
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await cache.put(url, response);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return; // never touch other origins (there should be none)
  if (request.headers.has('range')) return;

  if (isFixed(url.pathname)) {
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
