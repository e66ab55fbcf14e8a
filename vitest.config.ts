import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const alias = { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) };

// Unit tests. "unit": pure TypeScript (engine, models, data), no browser, no Svelte. "kit": the
// figure kit's .svelte.ts files (declared controls, the runner), compiled by Svelte for the client
// so that their $state and $effect run as they do on the page.
export default defineConfig({
  test: {
    testTimeout: 300_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/kit/**'],
          environment: 'node',
          setupFiles: ['tests/unit/fast-check-seed.ts'],
          testTimeout: 300_000
        }
      },
      {
        plugins: [svelte()],
        resolve: { alias: { ...alias, '$app/paths': fileURLToPath(new URL('./tests/unit/kit/app-paths.ts', import.meta.url)) }, conditions: ['browser'] },
        test: {
          name: 'kit',
          include: ['tests/unit/kit/**/*.test.ts'],
          environment: './tests/unit/kit/client-environment.ts',
          testTimeout: 60_000
        }
      }
    ]
  }
});
