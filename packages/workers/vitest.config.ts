import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts'],
    // Worker entries run as built JavaScript: build dist before the tests start them.
    globalSetup: ['./test/build-workers.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
