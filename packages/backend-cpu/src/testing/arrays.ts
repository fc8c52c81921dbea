// Test helpers for the kernel unit tests: build CpuArrays, run one kernel, make seeded inputs.
import { allocArray, sizeOf } from '@loom/graph';
import type { DType, PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import type { CpuArray, CpuKernel } from '../cpu-kernel.js';
import { cpuKernels } from '../kernel-table.js';

export function cpuArray(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType = 'float32',
): CpuArray {
  if (values.length !== sizeOf(shape))
    throw new Error(`${values.length} values for shape [${shape}]`);
  const data = allocArray(dtype, values.length);
  data.set(Array.from(values));
  return { data, shape, dtype };
}

/** Runs `op`'s kernel into a fresh zero-filled output, as the backend does. */
export function runKernel<Op extends PrimitiveOp>(
  op: Op,
  inputs: readonly CpuArray[],
  shape: readonly number[],
  attrs: PrimitiveAttrs[Op],
  dtype: DType = 'float32',
): CpuArray {
  const output: CpuArray = { data: allocArray(dtype, sizeOf(shape)), shape, dtype };
  const kernel: CpuKernel<Op> = cpuKernels[op];
  kernel(inputs, output, attrs);
  return output;
}

/** Mulberry32: a tiny seeded generator, so failures reproduce. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded small integers in [−limit, limit]: sums of their products are exact in float32, so
 * identities such as the adjoint checks can be compared with toEqual, not a tolerance.
 */
export function randomIntegers(shape: readonly number[], seed: number, limit = 3): CpuArray {
  const next = generator(seed);
  const values = Array.from(
    { length: sizeOf(shape) },
    () => Math.floor(next() * (2 * limit + 1)) - limit,
  );
  return cpuArray(values, shape);
}

/** Seeded int32 indices in [0, size). */
export function randomIndices(shape: readonly number[], size: number, seed: number): CpuArray {
  const next = generator(seed);
  return cpuArray(
    Array.from({ length: sizeOf(shape) }, () => Math.floor(next() * size)),
    shape,
    'int32',
  );
}

/** The inner product of two arrays, in float64. */
export function dot(a: CpuArray, b: CpuArray): number {
  if (a.data.length !== b.data.length)
    throw new Error(`dot of ${a.data.length} and ${b.data.length} elements`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += a.data[i] * b.data[i];
  return sum;
}

export const noAttrs: Record<string, never> = {};
