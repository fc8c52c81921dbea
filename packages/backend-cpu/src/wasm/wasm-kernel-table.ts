import type { PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import type { HeapTensor } from './heap-tensor.js';
import type { WasmKernels } from './wasm-kernels.js';

/**
 * A WASM fast path for one primitive on float32 heap tensors. It returns false when it does not
 * handle this particular launch (a reduction over middle axes, say) — the caller then runs the
 * reference kernel — and writes every output element when it returns true, so outputs need no
 * zero-filling.
 */
export type WasmKernel<Op extends PrimitiveOp> = (
  kernels: WasmKernels,
  inputs: readonly HeapTensor[],
  output: HeapTensor,
  attrs: PrimitiveAttrs[Op],
) => boolean;

/**
 * The primitives with a WASM kernel, keyed like the reference table. It is partial on purpose:
 * it accelerates the reference table, which stays complete, and a launch without an entry here
 * simply runs there. Callers check that every operand is float32 first.
 */
export const wasmKernelTable: { [Op in PrimitiveOp]?: WasmKernel<Op> } = {
  matmul: (k, [a, b], out) => {
    k.matmul(a, b, out);
    return true;
  },
  conv2d: (k, [x, w], y, attrs) => {
    k.conv2d(x, w, y, attrs);
    return true;
  },
  conv2dInputGrad: (k, [dy, w], dx, attrs) => {
    k.conv2dInputGrad(dy, w, dx, attrs);
    return true;
  },
  conv2dFilterGrad: (k, [x, dy], dw, attrs) => {
    k.conv2dFilterGrad(x, dy, dw, attrs);
    return true;
  },
  maxPool2d: (k, [x], y, attrs) => k.pool.maxPool2d(x, y, attrs),
  maxPool2dGrad: (k, [x, dy], dx, attrs) => k.pool.maxPool2dGrad(x, dy, dx, attrs),
  sum: (k, [x], out, { axes }) => k.sum(x, axes, out.offset),
  max: (k, [x], out, { axes }) => k.max(x, axes, out.offset),
};

/** The table's entry for `op`, typed for it (the lookup alone would widen to a union). */
export function wasmKernelFor<Op extends PrimitiveOp>(op: Op): WasmKernel<Op> | undefined {
  const kernel: { [O in PrimitiveOp]?: WasmKernel<O> }[Op] = wasmKernelTable[op];
  return kernel;
}
