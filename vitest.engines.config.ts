import { defineConfig } from 'vitest/config';

// Smoke tests in Firefox and WebKit (tests/engines), on the same `vite preview` server as tests/e2e.
export default defineConfig({
  test: {
    include: ['tests/engines/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false
  }
});
