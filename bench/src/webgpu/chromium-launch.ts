import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium as every browser run in the repo starts it (tooling/chromium.ts, which this package's
 * build cannot import from outside its rootDir): Debian's build, headless, no background traffic,
 * WebGPU on (SwiftShader without a GPU). `LOOM_CHROMIUM` overrides the executable. Playwright gives
 * each launch a fresh temporary profile.
 */
const executablePath = process.env.LOOM_CHROMIUM ?? '/usr/bin/chromium';
const flags = [
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
  return chromium.launch({ executablePath, headless: true, args: flags });
}
