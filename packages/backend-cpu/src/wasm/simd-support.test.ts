import { describe, expect, it } from 'vitest';
import { relaxedSimdFlagGiven, simdVariants } from '../testing/heap-arrays.js';
import { detectWasmFeatures } from './simd-support.js';

describe('detectWasmFeatures', () => {
  it('finds plain SIMD in Node 20', () => {
    expect(detectWasmFeatures().simd).toBe(true);
  });

  it('finds relaxed SIMD exactly when Node runs with --experimental-wasm-relaxed-simd', () => {
    // Node 20 ships relaxed SIMD behind the flag; the relaxed-simd test project passes it.
    expect(detectWasmFeatures().relaxedSimd).toBe(relaxedSimdFlagGiven());
  });

  it('finds shared memory in Node, where SharedArrayBuffer is always available', () => {
    expect(detectWasmFeatures().sharedMemory).toBe(true);
  });

  it('lists the FMA variant for testing only when the engine has it', () => {
    expect(simdVariants().map((v) => v.fma)).toEqual(
      relaxedSimdFlagGiven() ? [false, true] : [false],
    );
  });
});
