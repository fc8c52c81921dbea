import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumFlags, chromiumPath } from './chromium.js';

/** The Vitest config of a package's `*.browser.test.ts` files, run in headless Chromium. */
export function browserTestConfig() {
  return defineConfig({
    test: {
      include: ['src/**/*.browser.test.ts'],
      testTimeout: 60_000,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        // Playwright gives each launch a fresh temporary profile.
        provider: playwright({ launchOptions: { executablePath: chromiumPath, args: [...chromiumFlags] } }),
        instances: [{ browser: 'chromium' }],
      },
    },
  });
}
