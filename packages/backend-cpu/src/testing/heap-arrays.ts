// Test helpers for the WASM kernels: move CpuArrays in and out of a WasmHeap, and list the SIMD
// variants this engine can run (both when Node runs with --experimental-wasm-relaxed-simd).
import type { CpuArray } from '../cpu-kernel.js';
import { detectWasmFeatures } from '../wasm/simd-support.js';
import type { WasmHeap } from '../wasm/wasm-heap.js';

/** Copies a float32 array into a fresh heap block and returns its offset. */
export function toHeap(heap: WasmHeap, array: CpuArray | ArrayLike<number>): number {
  const values = 'data' in array ? array.data : array;
  const offset = heap.alloc(values.length * 4);
  heap.f32(offset, values.length).set(Array.from(values));
  return offset;
}

/** A plain copy of `length` floats at `offset`. */
export function fromHeap(heap: WasmHeap, offset: number, length: number): number[] {
  return Array.from(heap.f32(offset, length));
}

export interface SimdVariant {
  name: string;
  fma: boolean;
}

/** The variants to test: plain SIMD always, relaxed FMA where the engine validates it. */
export function simdVariants(): SimdVariant[] {
  const variants: SimdVariant[] = [{ name: 'plain SIMD (mul + add)', fma: false }];
  if (detectWasmFeatures().relaxedSimd) variants.push({ name: 'relaxed-SIMD FMA', fma: true });
  return variants;
}

/** Whether this process was started with the flag that turns on relaxed SIMD in Node 20. */
export function relaxedSimdFlagGiven(): boolean {
  return process.execArgv.includes('--experimental-wasm-relaxed-simd');
}
