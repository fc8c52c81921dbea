/**
 * How every browser test in the repo starts Chromium: Debian's build (playwright-core and Vitest
 * never download one), headless, without the background traffic a closed network refuses, and
 * with WebGPU on (SwiftShader on a machine without a GPU; DESIGN.md, machine notes).
 */
export const chromiumPath = process.env.LOOM_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumFlags: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];
