import { describe, expect, it } from 'vitest';
import type { Program } from '@loom/graph';
import { CpuBackend } from './cpu-backend.js';

const matmulProgram: Program = {
  steps: [
    {
      kind: 'launch',
      op: 'matmul',
      attrs: {},
      inputs: [
        { id: 1, shape: [3, 5], dtype: 'float32' },
        { id: 2, shape: [5, 4], dtype: 'float32' },
      ],
      output: { id: 3, shape: [3, 4], dtype: 'float32' },
      label: 'matmul #3',
    },
  ],
};

async function product(backend: CpuBackend): Promise<number[]> {
  backend.write(1, 'float32', Float32Array.from({ length: 15 }, (_, i) => i - 7));
  backend.write(2, 'float32', Float32Array.from({ length: 20 }, (_, i) => (i % 3) - 1));
  backend.run(matmulProgram);
  return Array.from(await backend.read(3));
}

describe('CPU memory', () => {
  it('keeps float32 buffers in the WASM heap and multiplies them there', async () => {
    const wasm = new CpuBackend();
    const reference = new CpuBackend({ wasm: false });
    expect(wasm.description).toMatch(/WASM SIMD/);
    expect(reference.description).toMatch(/reference/);
    expect(await product(wasm)).toEqual(await product(reference));
    expect(wasm.memory.heapBytes).toBeGreaterThanOrEqual((15 + 20 + 12) * 4);
    expect(reference.memory.heapBytes).toBe(0);
  });

  it('returns heap blocks when buffers are freed', async () => {
    const backend = new CpuBackend();
    await product(backend);
    const before = backend.memory.heapBytes;
    for (const id of [1, 2, 3]) backend.free(id);
    // the three buffers, in 64-byte blocks (the GEMM's packing workspace stays)
    expect(before - backend.memory.heapBytes).toBe(64 + 128 + 64);
  });
});
