import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { mnistAssets } from './mnist-assets-plugin.js';

// Cross-origin isolation makes SharedArrayBuffer available, which the worker pool relies on.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), mnistAssets()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  // The manifest lets bundle-budget.test.ts check what the first load carries.
  build: { target: 'es2022', sourcemap: true, manifest: true },
  worker: { format: 'es' },
});
