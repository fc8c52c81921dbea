import { cpuKernels } from '@loom/backend-cpu';
import type { MatmulEngine, ReduceEngine } from './engine.js';

/** Loom's reference JS kernel (float64 accumulation, i-k-j loops): the baseline WASM replaces. */
export const loomReferenceMatmul: MatmulEngine = {
  name: 'Loom JS reference',
  async prepare(n, aData, bData) {
    const a = { data: aData, shape: [n, n], dtype: 'float32' } as const;
    const b = { data: bData, shape: [n, n], dtype: 'float32' } as const;
    const c = { data: new Float32Array(n * n), shape: [n, n], dtype: 'float32' } as const;
    return {
      run: () => cpuKernels.matmul([a, b], c, {}),
      read: async () => c.data.slice(),
      dispose: () => undefined,
    };
  },
};

/** Loom's reference reduction kernels (strided, float64 accumulation). */
export const loomReferenceReduce: ReduceEngine = {
  name: 'Loom JS reference',
  async prepare({ op, axis, rows, cols, data }) {
    const x = { data, shape: [rows, cols], dtype: 'float32' } as const;
    const shape = axis === 1 ? [rows, 1] : [1, cols];
    const out = {
      data: new Float32Array(axis === 1 ? rows : cols),
      shape,
      dtype: 'float32',
    } as const;
    return {
      run: () => cpuKernels[op]([x], out, { axes: [axis] }),
      read: async () => out.data.slice(),
      dispose: () => undefined,
    };
  },
};
