import { buildReduceModule, reduceExportNames } from './reduce-module.js';
import type { HeapTensor } from './heap-tensor.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';

/**
 * How a reduction's axes sit in a row-major tensor: `trailing` when they are the last axes (the
 * tensor is rows × cols and each row reduces to one value: softmax, cross-entropy), `leading`
 * when they are the first (each column reduces: bias gradients, batch means).
 */
export interface ReduceLayout {
  kind: 'trailing' | 'leading';
  rows: number;
  cols: number;
}

/** The layout of reducing `axes` (sorted, non-negative) of `shape`, or undefined for other cases. */
export function reduceLayout(
  shape: readonly number[],
  axes: readonly number[],
): ReduceLayout | undefined {
  // Size-1 axes change nothing, so ignore them on both sides.
  const reduced = new Set(axes.filter((a) => shape[a] !== 1));
  const kept = shape.map((_, a) => a).filter((a) => shape[a] !== 1 && !reduced.has(a));
  const size = (list: Iterable<number>) => [...list].reduce((n, a) => n * shape[a], 1);
  if (kept.every((a) => [...reduced].every((r) => a < r))) {
    return { kind: 'trailing', rows: size(kept), cols: size(reduced) };
  }
  if ([...reduced].every((r) => kept.every((a) => r < a))) {
    return { kind: 'leading', rows: size(reduced), cols: size(kept) };
  }
  return undefined;
}

/**
 * float32 sum and max as SIMD loops, for the two layouts that dominate training: reductions over
 * trailing axes (sum and max) and over leading axes (sum). Sums accumulate in float64 like the
 * reference kernels. Returns false for a layout it does not handle, so the caller can fall back.
 */
export class WasmReduce {
  private readonly kernels: Record<(typeof reduceExportNames)[number], WasmFunction>;

  constructor(private readonly heap: WasmHeap) {
    this.kernels = instantiateKernels(
      buildReduceModule(heap.memoryImport()),
      heap.memory,
      reduceExportNames,
    );
  }

  sum(x: HeapTensor, axes: readonly number[], out: number): boolean {
    const layout = reduceLayout(x.shape, axes);
    if (!layout) return false;
    if (layout.kind === 'trailing') {
      this.kernels.sumRows(x.offset, layout.rows, layout.cols, out);
      return true;
    }
    // One float64 accumulator per column.
    const scratch = this.heap.alloc(layout.cols * 8);
    this.kernels.sumColumns(x.offset, layout.rows, layout.cols, out, scratch);
    this.heap.free(scratch);
    return true;
  }

  max(x: HeapTensor, axes: readonly number[], out: number): boolean {
    const layout = reduceLayout(x.shape, axes);
    if (layout?.kind !== 'trailing') return false;
    this.kernels.maxRows(x.offset, layout.rows, layout.cols, out);
    return true;
  }
}
