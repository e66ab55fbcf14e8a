import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { katexPreprocess } from './src/lib/server/katex-preprocess.js';

/** Shared pieces that only figures use (the page itself renders Figure, Row, Section, TopBar). */
const FIGURE_PARTS = /\/src\/lib\/ui\/(Axis|Knob|LossChart|PlayControls|Slider)\.svelte$/;

/** @type {import('@sveltejs/kit').Config} */
export default {
  // KaTeX runs here, at build time, before Svelte parses the markup.
  preprocess: [katexPreprocess(), vitePreprocess()],
  vitePlugin: {
    // A figure's styles travel inside its lazily loaded chunk and are added when it mounts, rather
    // than as one more stylesheet every reader loads (and waits for) before the first paint.
    dynamicCompileOptions({ filename }) {
      if (filename.includes('/src/lib/figures/') || FIGURE_PARTS.test(filename)) return { css: 'injected' };
    }
  },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    prerender: { handleHttpError: 'fail' }
  }
};
