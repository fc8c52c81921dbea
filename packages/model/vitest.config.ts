import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts'],
    // Template training tests run a few steps of real models on the reference CPU kernels.
    testTimeout: 120_000,
  },
});
