import type { DType, FusedExpr, PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import type { Dispatch } from '../codegen/dispatch.js';

/** A buffer as a kernel generator sees it: a row-major array of `shape` and `dtype`. */
export interface KernelArg {
  shape: readonly number[];
  dtype: DType;
}

/** Elementwise work on each output element after the op: `acc` is the op's value there. */
export interface KernelEpilogue {
  expr: FusedExpr;
  inputs: readonly KernelArg[];
}

export interface KernelLaunch<Op extends PrimitiveOp> {
  inputs: readonly KernelArg[];
  output: KernelArg;
  attrs: PrimitiveAttrs[Op];
  epilogue?: KernelEpilogue;
}

/**
 * A WebGPU kernel generates the dispatches of one launch from shapes, dtypes and attributes only
 * (never from buffer contents or ids), so its output can be cached and replayed. Every dispatch
 * writes each output element it owns exactly once, epilogue included.
 */
export type WebGpuKernel<Op extends PrimitiveOp> = (launch: KernelLaunch<Op>) => Dispatch[];

/** One kernel per primitive: a missing entry is a compile error. */
export type WebGpuKernelTable = { [Op in PrimitiveOp]: WebGpuKernel<Op> };
