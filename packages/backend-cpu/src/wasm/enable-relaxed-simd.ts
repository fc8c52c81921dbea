import { setFlagsFromString } from 'node:v8';
import { detectWasmFeatures } from './simd-support.js';

/**
 * Node 20's V8 (11.3) validates relaxed SIMD only behind `--experimental-wasm-relaxed-simd`;
 * Chromium and Node ≥ 22 have it on. Turning the flag on at run time gives the process (and
 * the worker threads it starts afterwards) the FMA kernels without a command-line flag. Call it
 * before the first CpuBackend: the features are probed once. V8 flags are process-wide, so this
 * is for programs that own their process (the `loom` CLI), not for libraries.
 *
 * @returns whether relaxed SIMD is now available
 */
export function enableRelaxedSimd(): boolean {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return detectWasmFeatures().relaxedSimd;
}
