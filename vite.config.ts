import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { staticProse } from './src/lib/server/static-prose.js';
import { katexCss } from './src/lib/server/katex-css.js';
import { figureText } from './src/lib/server/figure-text.js';
import { offlineSizes } from './src/lib/server/offline-sizes.js';
import { tfjsThreadedFactory } from './src/lib/server/tfjs-threaded-factory.js';

/**
 * Cross-origin isolation (issue 21): with these two headers on every response, the browser gives
 * the page SharedArrayBuffer, and the training workers run the engine's kernels on several threads
 * (src/lib/engine/threads.ts). require-corp rather than credentialless: the site loads nothing
 * from other origins, so nothing needs to opt in, and every browser with threads supports it.
 * Without the headers (a host that cannot send them) everything runs on one thread, with the same
 * results. The README's "Hosting" section says what this means for static hosts and embedding.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp'
};

/**
 * Sends the headers from `vite dev` and `vite preview` (npm start). A plugin rather than Vite's
 * server.headers/preview.headers: SvelteKit answers prerendered pages in a middleware of its own
 * that runs before Vite's headers are applied, so this one must be registered before it.
 */
function crossOriginIsolation(): Plugin {
  const setHeaders: Connect.NextHandleFunction = (_req, res, next) => {
    for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'cross-origin-isolation',
    configureServer: (server) => { server.middlewares.use(setHeaders); },
    configurePreviewServer: (server) => { server.middlewares.use(setHeaders); }
  };
}

export default defineConfig({
  // staticProse and figureText keep the lecture's unchanging prose, captions and first descriptions
  // in the prerendered HTML only; katexCss trims KaTeX's stylesheet; offlineSizes, after SvelteKit,
  // lists the built files' sizes for the offline save button (see each file).
  // crossOriginIsolation comes first: its headers must be set before SvelteKit answers a request.
  plugins: [crossOriginIsolation(), staticProse(), figureText(), katexCss(), sveltekit(), offlineSizes()],
  // Workers are ES modules so they can import the engine like any other module. The one plugin
  // of their own lets TF.js start its wasm threads in the /bench page's worker (see the file).
  worker: { format: 'es', plugins: () => [tfjsThreadedFactory()] },
  build: {
    // Figure chunks load their own imports when a figure nears the viewport; the preload lists that
    // would fetch them in parallel cost about 1 KB of the first load (every figure's list), and the
    // first-load budget (100 KB) is worth more than one round trip saved for a figure still 800 px away.
    modulePreload: false,
    // Fonts are never inlined: a base64 font in the stylesheet is incompressible first-load bytes
    // (KaTeX_Size3, under Vite's 4 KB limit, cost 3.7 KB gzipped) even where no formula needs it.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined)
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 }
});
