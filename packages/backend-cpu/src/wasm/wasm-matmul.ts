import type { HeapTensor, Range } from './heap-tensor.js';
import type { WasmGemm } from './wasm-gemm.js';

/**
 * The `matmul` primitive on heap tensors: [...batch, M, K] · [...batch, K, N] → [...batch, M, N]
 * with identical batch dims, one GEMM per batch entry. `rows` selects rows of the flattened
 * (batch·M) × N output, so a worker's share can cut through batch entries as well as within one.
 */
export function matmulBatched(
  gemm: WasmGemm,
  a: HeapTensor,
  b: HeapTensor,
  out: HeapTensor,
  rows?: Range,
): void {
  const rank = a.shape.length;
  const m = a.shape[rank - 2];
  const k = a.shape[rank - 1];
  const n = b.shape[rank - 1];
  const batches = a.shape.slice(0, rank - 2).reduce((x, y) => x * y, 1);
  const [begin, end] = rows ?? [0, batches * m];
  if (m === 0) return;
  for (let batch = Math.floor(begin / m); batch < batches && batch * m < end; batch++) {
    gemm.gemm(
      m,
      n,
      k,
      { offset: a.offset + 4 * batch * m * k, rowStride: k, colStride: 1 },
      { offset: b.offset + 4 * batch * k * n, rowStride: n, colStride: 1 },
      { offset: out.offset + 4 * batch * m * n, rowStride: n },
      { rowBegin: Math.max(begin - batch * m, 0), rowEnd: Math.min(end - batch * m, m) },
    );
  }
}
