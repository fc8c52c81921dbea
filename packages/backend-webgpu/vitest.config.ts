import { defineConfig } from 'vitest/config';

// Node: the tests that need no GPU. WebGPU tests run in Chromium (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts'],
  },
});
