import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';

function capture() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    sinks: { out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) },
  };
}

describe('loom cli', () => {
  it('prints usage with its options for --help and exits 0', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['--help'], sinks)).toBe(0);
    for (const option of ['--help', '--version']) expect(io.stdout).toContain(option);
  });

  it('refuses a command this version does not have yet, naming it', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['train', 'model.json'], sinks)).toBe(2);
    expect(io.stderr).toContain('"train"');
  });

  it('names an unknown command and exits non-zero', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['frobnicate'], sinks)).toBe(2);
    expect(io.stderr).toContain('"frobnicate"');
  });

  it('runs as the built loom bin', () => {
    const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^loom — /);
    expect(spawnSync(process.execPath, [bin, 'nope']).status).toBe(2);
  });
});
