import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // Workers are ES modules so they can import the engine like any other module.
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 }
});
