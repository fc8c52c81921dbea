import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpText } from './help.js';
import { runCli } from './run-cli.js';

function capture() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    sinks: { out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) },
  };
}

describe('loom cli', { timeout: 30_000 }, () => {
  it('prints usage with every command for --help and exits 0', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['--help'], sinks)).toBe(0);
    for (const word of ['--help', '--version', 'train', 'eval', 'export', 'import', 'templates', 'bench']) expect(io.stdout).toContain(word);
  });

  it('prints a command’s own options for `<command> --help`', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['train', '--help'], sinks)).toBe(0);
    for (const option of ['--epochs', '--batch-size', '--dataset', '--backend', '--out', '--limit']) expect(io.stdout).toContain(option);
  });

  it('names an unknown command and exits non-zero', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['frobnicate'], sinks)).toBe(2);
    expect(io.stderr).toContain('"frobnicate"');
  });

  it('names an unknown option and the command, with exit code 2', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['train', 'model.json', '--frob'], sinks)).toBe(2);
    expect(io.stderr).toMatch(/loom train: .*--frob/);
  });

  it('names an option whose value is not a positive integer', async () => {
    const { io, sinks } = capture();
    expect(await runCli(['train', 'model.json', '--epochs', 'two'], sinks)).toBe(2);
    expect(io.stderr).toContain('--epochs: expected a positive integer, got "two"');
  });

  it('runs as the built loom bin', () => {
    const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toBe(helpText);
    expect(spawnSync(process.execPath, [bin, 'nope']).status).toBe(2);
  });

  it('gives the kernels relaxed-SIMD FMA in Node 20 without a command-line flag, and says so', () => {
    const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'loom-fma-'));
    try {
      const model = join(dir, 'linear.json');
      execFileSync(process.execPath, [bin, 'templates', 'linear-regression', '--out', model]);
      const out = execFileSync(process.execPath, [bin, 'train', model, '--epochs', '1', '--out', join(dir, 'linear.ckpt')], { encoding: 'utf8' });
      expect(out.split('\n')[0]).toMatch(/^backend: cpu — .*relaxed-SIMD FMA/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
