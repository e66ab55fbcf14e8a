import type { Environment } from 'vitest/environments';

/**
 * Node, but with modules compiled for the browser: Svelte's client runtime runs effects (its
 * server build, which Node would get, never does), so the kit's .svelte.ts files behave here as
 * they do on the page. The tests need no DOM: they drive effects with flushSync.
 */
export default <Environment>{
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  }
};
