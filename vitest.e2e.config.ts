import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/e2e/sequencer';

// Browser tests: the built site served by `vite preview`, driven by playwright-core and Debian Chromium.
export default defineConfig({
  // Tests compute their expected values with the page's own model code, which imports through $lib.
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Generous limits on waiting, never the thing tested: a busy machine may run the page slowly.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll() waits up to 30 s by default (Vitest's own default is 1 s).
    expect: { poll: { timeout: 30_000 } },
    // Two files at a time, each with its own Chromium: much of a browser test is waiting on a page,
    // so two share the two cores of the CI machine. Nothing here measures time, so sharing is safe.
    // keyboard.test.ts runs on its own after the rest (package.json's test:e2e): it presses a key per
    // focus stop of the whole page, and beside another file it took four times as long (244 s alone,
    // over 900 s beside one).
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst }
  }
});
