import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * V8 flags are process-wide, so each case runs in a child Node started without any flag, on the
 * built package (turbo builds it before its tests).
 */
function child(steps: string): { enabled?: boolean; description: string } {
  const script = `
    const { enableRelaxedSimd } = await import('@loom/backend-cpu/node');
    const { CpuBackend } = await import('@loom/backend-cpu');
    let enabled;
    ${steps}
    console.log(JSON.stringify({ enabled, description: new CpuBackend().description }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { enabled?: boolean; description: string };
}

describe('enableRelaxedSimd', () => {
  it('gives a Node 20 process started without the flag the FMA kernels', () => {
    const { enabled, description } = child('enabled = enableRelaxedSimd();');
    expect(enabled).toBe(true);
    expect(description).toContain('relaxed-SIMD FMA');
  });

  // V8 11.4 (Node 22) turned relaxed SIMD on by default; before it the flag is what enables it.
  const [major = 0, minor = 0] = process.versions.v8.split('.').map(Number);
  it.runIf(major < 11 || (major === 11 && minor < 4))('is needed: without it Node 20 runs the plain-SIMD kernels', () => {
    expect(child('').description).not.toContain('relaxed-SIMD FMA');
  });

  it('cannot change features a backend already probed, and says so by returning false', () => {
    expect(child('new CpuBackend(); enabled = enableRelaxedSimd();').enabled).toBe(false);
  });
});
