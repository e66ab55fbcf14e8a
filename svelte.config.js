import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { katexPreprocess } from './src/lib/server/katex-preprocess.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
  // KaTeX runs here, at build time, before Svelte parses the markup.
  preprocess: [katexPreprocess(), vitePreprocess()],
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    prerender: { handleHttpError: 'fail' }
  }
};
