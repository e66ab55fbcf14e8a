import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { staticProse } from './src/lib/server/static-prose.js';
import { katexCss } from './src/lib/server/katex-css.js';
import { figureText } from './src/lib/server/figure-text.js';

export default defineConfig({
  // staticProse and figureText keep the lecture's unchanging prose, captions and first descriptions
  // in the prerendered HTML only; katexCss trims KaTeX's stylesheet (see each file).
  plugins: [staticProse(), figureText(), katexCss(), sveltekit()],
  // Workers are ES modules so they can import the engine like any other module.
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 }
});
