import type { DType, PrimitiveAttrs, PrimitiveOp, TypedArray } from '@loom/graph';

/** A buffer as a kernel sees it: row-major data with the shape and dtype of the launch. */
export interface CpuArray {
  data: TypedArray;
  shape: readonly number[];
  dtype: DType;
  /** Where `data` starts in the WASM heap, for float32 arrays that live there (WASM kernels need it). */
  offset?: number;
}

/**
 * A CPU kernel fills `output`, which the backend has allocated zero-filled with the launch's output
 * shape and dtype. Kernels trust the shapes (the graph checked them when the op was recorded) but
 * still throw on data-dependent errors such as an out-of-range gather index.
 */
export type CpuKernel<Op extends PrimitiveOp> = (
  inputs: readonly CpuArray[],
  output: CpuArray,
  attrs: PrimitiveAttrs[Op],
) => void;

/** One kernel per primitive: a missing entry is a compile error. */
export type CpuKernelTable = { [Op in PrimitiveOp]: CpuKernel<Op> };
