import type { CpuKernel, CpuKernelTable } from '../cpu-kernel.js';

/**
 * [...batch, M, K] × [...batch, K, N] with identical batch dims. The i-k-j order streams rows of b
 * and of the output, so the inner loop is contiguous; each output row accumulates in float64.
 */
const matmul: CpuKernel<'matmul'> = ([a, b], out) => {
  const rank = a.shape.length;
  const m = a.shape[rank - 2];
  const k = a.shape[rank - 1];
  const n = b.shape[rank - 1];
  const batches = m * n === 0 ? 0 : out.data.length / (m * n);
  const x = a.data;
  const z = b.data;
  const y = out.data;
  const row = new Float64Array(n);
  for (let batch = 0; batch < batches; batch++) {
    const aBase = batch * m * k;
    const bBase = batch * k * n;
    const yBase = batch * m * n;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const aip = x[aBase + i * k + p];
        const bRow = bBase + p * n;
        for (let j = 0; j < n; j++) row[j] += aip * z[bRow + j];
      }
      y.set(row, yBase + i * n);
    }
  }
};

export const matmulKernels: Pick<CpuKernelTable, 'matmul'> = { matmul };
