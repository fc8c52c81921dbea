import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const chromiumPath = process.env.LOOM_CHROMIUM ?? '/usr/bin/chromium';

// Headless without the background traffic a closed network refuses; --enable-unsafe-webgpu turns on
// WebGPU (SwiftShader on a machine without a GPU).
const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

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
    args: chromiumArgs,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
