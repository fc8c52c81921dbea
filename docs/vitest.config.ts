import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each guide sample trains a small model for real.
    testTimeout: 180_000,
  },
});
