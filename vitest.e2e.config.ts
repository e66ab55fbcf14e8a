import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/e2e/sequencer';

// Browser tests: the built site served by `vite preview`, driven by playwright-core and Debian
// Chromium (tests/e2e), and the smoke test in Firefox and WebKit (tests/engines), in one run.
export default defineConfig({
  // Tests compute their expected values with the page's own model code, which imports through $lib.
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts', 'tests/engines/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Generous limits on waiting, never the thing tested: a busy machine may run the page slowly.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll() waits up to 30 s by default (Vitest's own default is 1 s).
    expect: { poll: { timeout: 30_000 } },
    // Two files at a time, each with its own browser: with two, the two cores of the CI machine are
    // already busy (under 2% idle, measured). Nothing here measures time, so sharing is safe.
    fileParallelism: true,
    // A worker keeps the modules it imported for its next file (about a second of imports saved per
    // file); the files keep no state in their modules, and the fixture launches a browser per file.
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst }
  }
});
