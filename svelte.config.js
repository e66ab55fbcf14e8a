import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { katexPreprocess } from './src/lib/server/katex-preprocess.js';

/**
 * Hashes of the inline scripts written by hand in src/app.html (the theme script that runs before
 * first paint). SvelteKit hashes only the scripts it generates itself, so these are added here,
 * computed from the file so an edit to the script can never silently break the policy.
 */
function appHtmlScriptHashes() {
  const html = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `sha256-${createHash('sha256').update(body).digest('base64')}`
  );
}

/**
 * The components the page itself renders before any figure loads: the routes and the frame around
 * them. Every other component (figures and the controls they share) belongs to a lazy chunk.
 */
const PAGE_PARTS = /\/src\/(routes\/|lib\/ui\/(Figure|Row|Section|TopBar|ThemeToggle|SaveOffline)\.svelte$)/;

/**
 * Where the site will live on its host: '' for the root of a domain, or a path such as
 * /courses/ml101/handoff for a course's web space (BASE_PATH=/courses/ml101/handoff npm run build).
 * Every link, asset, worker and the service worker's scope follow it through SvelteKit's paths.base.
 */
function basePath() {
  const path = process.env.BASE_PATH ?? '';
  if (path !== '' && !/^\/[^?#\s]*[^/?#\s]$/.test(path)) {
    throw new Error(`BASE_PATH must be empty or a path that starts with '/' and does not end with '/' (e.g. /courses/ml101/handoff); got "${path}"`);
  }
  return path;
}

/**
 * Where the built site is written: build/ unless BUILD_DIR says otherwise (tests/e2e/subpath.test.ts
 * builds into build-subpath/). Another output gets its own working folder too, because `vite preview`
 * serves .svelte-kit/output, which the other browser tests are using while that build runs.
 */
const out = process.env.BUILD_DIR || 'build';
const outDir = out === 'build' ? '.svelte-kit' : `.svelte-kit/${out.replace(/[^\w.-]/g, '_')}`;

/** @type {import('@sveltejs/kit').Config} */
export default {
  // KaTeX runs here, at build time, before Svelte parses the markup.
  preprocess: [katexPreprocess(), vitePreprocess()],
  vitePlugin: {
    // A figure's styles travel inside its lazily loaded chunk and are added when it mounts, rather
    // than as one more stylesheet every reader loads (and waits for) before the first paint.
    // Every component of ours is written with runes; saying so up front (rather than letting Svelte
    // infer it per file) keeps the legacy-mode support code out of the page's first load.
    dynamicCompileOptions({ filename }) {
      const runes = filename.includes('/src/') ? { runes: true } : {};
      if (filename.includes('/src/') && !PAGE_PARTS.test(filename)) return { ...runes, css: 'injected' };
      return runes;
    }
  },
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
    outDir,
    paths: { base: basePath() },
    prerender: { handleHttpError: 'fail' },
    // Prerendered pages carry this as a <meta http-equiv> tag, with hashes of SvelteKit's own
    // inline bootstrap script. A meta policy cannot set frame-ancestors, which is what we want:
    // the standalone figure pages are meant to be embedded in other sites' iframes.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // 'wasm-unsafe-eval' lets the engine compile its own WebAssembly SIMD kernels (built from
        // bytes in src/lib/engine/kernels/); it permits WebAssembly only, never JavaScript eval.
        'script-src': ['self', 'wasm-unsafe-eval', ...appHtmlScriptHashes()],
        'worker-src': ['self'],
        // Inline style attributes are needed: KaTeX's typeset formulas and Svelte's style:
        // directives set positions and colours through them. No script can run from a style.
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        // KaTeX's fonts are files of this site (vite.config.ts never inlines them as data: URLs).
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};
