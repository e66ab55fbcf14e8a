// Writes offline-sizes.json beside the built site: the size in bytes of every file SvelteKit wrote
// (chunks, static files, prerendered pages), keyed by the path it is served at below the base path
// ('/', '/figure/2c', '/_app/immutable/…'). The service worker sums the entries of the files it
// would save, so the "Save the lecture for offline use (N MB)" button shows the build's real size.
//
// It runs after SvelteKit's own writeBundle (which builds the client, prerenders and builds the
// service worker) and before the adapter copies the output into build/, which carries it along.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile());
}

/**
 * The files only the benchmark page's Compare button loads (TF.js and jax-js, about 2 MB): those a
 * worker's own chunks and assets that the benchmark worker's bundle reaches and no other worker
 * names. They are left out of the table, and so out of "save for offline": the lecture never
 * loads them, and a reader saving the lecture should not carry them.
 * @param {string} client @returns {Set<string>}
 */
function benchOnly(client) {
  const workers = join(client, '_app', 'immutable', 'workers');
  const nested = walk(workers).filter((f) => dirname(f) !== workers);
  const entries = walk(workers).filter((f) => dirname(f) === workers);
  /** @param {string} file */
  const reached = (file) => {
    const seen = new Set([file]);
    for (const f of seen) {
      if (!f.endsWith('.js')) continue;
      const text = readFileSync(f, 'utf8');
      for (const n of nested) if (!seen.has(n) && text.includes(basename(n))) seen.add(n);
    }
    return seen;
  };
  const bench = entries.find((f) => basename(f).startsWith('bench.worker-'));
  if (!bench) return new Set();
  const others = new Set(entries.filter((f) => f !== bench).flatMap((f) => [...reached(f)]));
  return new Set([...reached(bench)].filter((f) => f !== bench && !others.has(f)));
}

/** @returns {import('vite').Plugin} */
export function offlineSizes() {
  /** SvelteKit's output folder (.svelte-kit/output, or its BUILD_DIR variant): the server build's outDir is its server/. */
  let output = '';
  return {
    name: 'offline-sizes',
    apply: 'build',
    configResolved(config) {
      if (config.build.ssr) output = dirname(config.build.outDir);
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        if (!output) return; // the client build: SvelteKit's outputs are complete only after the server build's hook
        const client = join(output, 'client');
        const pages = join(output, 'prerendered', 'pages');
        /** @type {Record<string, number>} */
        const sizes = {};
        const left = benchOnly(client);
        for (const file of walk(client)) if (!left.has(file)) sizes['/' + relative(client, file).replace(/\\/g, '/')] = statSync(file).size;
        for (const file of walk(pages)) {
          const path = '/' + relative(pages, file).replace(/\\/g, '/').replace(/\.html$/, '');
          sizes[path === '/index' ? '/' : path.replace(/\/index$/, '')] = statSync(file).size;
        }
        writeFileSync(join(client, 'offline-sizes.json'), JSON.stringify(sizes));
      }
    }
  };
}
