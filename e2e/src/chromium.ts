import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../tooling/chromium.js';

export { chromiumPath };

export interface ChromiumSession {
  context: BrowserContext;
  /** Closes the browser, then removes its profile folder. */
  close(): Promise<void>;
}

/** Starts Chromium with a fresh, throw-away profile. */
export async function launchChromium(): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), 'loom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumFlags],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
