// KaTeX's stylesheet, cut down to what the lecture's formulas use. Every reader loads it before
// the first paint, yet most of its rules style constructs (sizes, accents, arrays, fonts) that no
// formula here contains. At build time this plugin typesets every <tex> in src/ exactly as the
// pages do, collects the class names KaTeX puts out, and keeps only the rules whose selectors name
// nothing else. A new formula that needs another rule brings its classes with it on the next build.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEX, renderTex } from './katex-preprocess.js';
import { trimKatexCss } from './katex-fonts.js';

/** @param {string} dir @returns {string[]} */
function svelteFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return svelteFiles(p);
    return name.endsWith('.svelte') ? [p] : [];
  });
}

/** Every class name in KaTeX's output for the formulas under `src`. @param {string} src */
export function katexClasses(src) {
  const used = new Set();
  for (const file of svelteFiles(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(TEX)) {
      for (const c of renderTex(m[2], Boolean(m[1])).matchAll(/class="([^"]*)"/g)) {
        for (const name of c[1].split(/\s+/)) if (name) used.add(name);
      }
    }
  }
  return used;
}

/**
 * Keep @font-face rules and the selectors whose every class is in `used`.
 * @param {string} css minified KaTeX stylesheet (flat: no @media blocks)
 * @param {Set<string>} used
 */
export function purgeKatexCss(css, used) {
  let out = '';
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1].trim();
    if (selectors.startsWith('@')) {
      out += m[0];
      continue;
    }
    const kept = selectors
      .split(',')
      .filter((sel) => [...sel.matchAll(/\.([\w-]+)/g)].every((c) => used.has(c[1])));
    if (kept.length) out += `${kept.join(',')}{${m[2]}}`;
  }
  return out;
}

/** @returns {import('vite').Plugin} */
export function katexCss() {
  return {
    name: 'katex-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/katex\/dist\/katex(\.min)?\.css$/.test(id)) return;
      const used = katexClasses(path.resolve('src'));
      return { code: purgeKatexCss(trimKatexCss(code), used), map: null };
    }
  };
}
