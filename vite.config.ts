import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { staticProse } from './src/lib/server/static-prose.js';
import { katexCss } from './src/lib/server/katex-css.js';

export default defineConfig({
  // staticProse keeps the lecture's unchanging prose in the prerendered HTML only (see the file).
  plugins: [staticProse(), katexCss(), sveltekit()],
  // Workers are ES modules so they can import the engine like any other module.
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 }
});
