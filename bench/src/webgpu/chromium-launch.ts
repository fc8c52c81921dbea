import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium as every browser run in the repo starts it (tooling/chromium.ts, which this package's
 * build cannot import from outside its rootDir, so chromium-launch.test.ts keeps this copy equal
 * to it): Debian's build, headless, no background traffic,
 * WebGPU on (SwiftShader without a GPU). `LOOM_CHROMIUM` overrides the executable. Playwright gives
 * each launch a fresh temporary profile.
 */
export const executablePath = process.env.LOOM_CHROMIUM ?? '/usr/bin/chromium';
export const flags: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/** Launches headless Chromium with WebGPU enabled. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...flags] });
}
