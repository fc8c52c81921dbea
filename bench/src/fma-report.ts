import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConvResult } from './conv-suite.js';
import type { MatmulResult } from './matmul-suite.js';

/** What the relaxed-SIMD child reports: Loom's FMA kernels, or why they could not run. */
export type FmaReport =
  | { available: true; matmul: MatmulResult[]; conv: ConvResult[] }
  | { available: false; reason: string };

export const relaxedSimdFlag = '--experimental-wasm-relaxed-simd';

function isFmaReport(value: unknown): value is FmaReport {
  if (typeof value !== 'object' || value === null || !('available' in value)) return false;
  if (value.available === false) return 'reason' in value && typeof value.reason === 'string';
  return (
    value.available === true &&
    'matmul' in value &&
    Array.isArray(value.matmul) &&
    'conv' in value &&
    Array.isArray(value.conv)
  );
}

/**
 * Runs the FMA variants in a child Node started with the relaxed-SIMD flag (Node 20 validates
 * relaxed SIMD only behind it), one process after the other so they never compete for a core.
 * The child prints its report as the last line of its output.
 */
export function runFmaChild(): FmaReport {
  const child = fileURLToPath(new URL('./fma-child.js', import.meta.url));
  const run = spawnSync(process.execPath, [relaxedSimdFlag, child], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (run.status !== 0) {
    return {
      available: false,
      reason: `child exited with ${run.status}: ${run.stderr.trim().split('\n')[0]}`,
    };
  }
  const lines = run.stdout.trim().split('\n');
  const report: unknown = JSON.parse(lines[lines.length - 1]);
  if (!isFmaReport(report)) return { available: false, reason: 'the child printed no report' };
  return report;
}
