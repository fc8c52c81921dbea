import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts'],
    // MNIST training tests run tens of seconds on the reference CPU kernels.
    testTimeout: 120_000,
  },
});
