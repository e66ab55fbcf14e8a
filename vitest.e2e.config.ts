import { defineConfig } from 'vitest/config';

// Browser tests: the built site served by `vite preview`, driven by playwright-core and Debian Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
});
