import { defineConfig } from 'vitest/config';

// Node 20 validates relaxed SIMD only behind a V8 flag, so the WASM kernel tests run twice: once
// as the engine comes (plain SIMD: mul + add) and once with the flag (relaxed FMA), each variant
// chosen by the same feature detection the backend uses.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'relaxed-simd',
          include: ['src/wasm/**/*.test.ts'],
          execArgv: ['--experimental-wasm-relaxed-simd'],
        },
      },
    ],
  },
});
