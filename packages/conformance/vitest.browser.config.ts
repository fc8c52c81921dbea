import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

/** Debian's Chromium with WebGPU on (SwiftShader on this machine: see DESIGN.md, machine notes). */
const chromiumFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

// The conformance table on WebGPU, and the runtime tests that need a browser (MLP training on
// both backends, backend selection), in headless Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.browser.test.ts'],
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      // Playwright gives each launch a fresh temporary profile.
      provider: playwright({ launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumFlags } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
