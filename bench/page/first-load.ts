/**
 * What the built lecture costs before any figure code: the HTML, every stylesheet it links and the
 * JavaScript the page runs at start (the modules it imports and everything they import statically),
 * each gzipped on its own as a server would send it. Everything else under _app/immutable that is
 * JavaScript is loaded lazily (figure components, their helpers, training workers).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Sized {
  file: string;
  bytes: number;
  gzip: number;
}

export interface FirstLoad {
  total: Sized;
  html: Sized;
  css: Sized[];
  js: Sized[];
  /** Largest lazily loaded JavaScript file, gzipped. */
  largestLazy: Sized;
  lazyCount: number;
}

function size(root: string, file: string): Sized {
  const data = readFileSync(path.join(root, file));
  return { file, bytes: data.length, gzip: gzipSync(data).length };
}

const sum = (xs: Sized[], file: string): Sized => ({
  file,
  bytes: xs.reduce((s, x) => s + x.bytes, 0),
  gzip: xs.reduce((s, x) => s + x.gzip, 0)
});

/** Static imports of one built module: `import"./x.js"` and `from"./x.js"`, never `import("./x.js")`. */
function staticImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) out.push(m[1]);
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function firstLoad(root = 'build', page = 'index.html'): FirstLoad {
  const html = readFileSync(path.join(root, page), 'utf8');
  const css = new Set<string>();
  const js = new Set<string>();
  const rel = (href: string) => path.posix.normalize(href.replace(/^\.\//, '').replace(/^\//, ''));
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/rel="stylesheet"/.test(tag)) css.add(rel(href));
    else if (/rel="modulepreload"/.test(tag)) js.add(rel(href));
  }
  // The inline start script imports the entry modules dynamically: those run at start.
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const i of m[1].matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) js.add(rel(i[1]));
  }
  // Close over static imports, in case a module is not preloaded by a link.
  const queue = [...js];
  while (queue.length) {
    const file = queue.pop()!;
    for (const dep of staticImports(readFileSync(path.join(root, file), 'utf8'))) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), dep));
      if (!js.has(resolved)) {
        js.add(resolved);
        queue.push(resolved);
      }
    }
  }
  const htmlSize = size(root, page);
  const cssSizes = [...css].map((f) => size(root, f));
  const jsSizes = [...js].map((f) => size(root, f));
  const lazy = walk(path.join(root, '_app'))
    .map((p) => path.relative(root, p).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.js') && !js.has(f))
    .map((f) => size(root, f))
    .sort((a, b) => b.gzip - a.gzip);
  return {
    total: sum([htmlSize, ...cssSizes, ...jsSizes], 'first load'),
    html: htmlSize,
    css: cssSizes.sort((a, b) => b.gzip - a.gzip),
    js: jsSizes.sort((a, b) => b.gzip - a.gzip),
    largestLazy: lazy[0],
    lazyCount: lazy.length
  };
}
