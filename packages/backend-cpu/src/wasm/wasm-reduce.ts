import { buildReduceModule, reduceExportNames } from './reduce-module.js';
import type { HeapTensor } from './heap-tensor.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';
import type { IntraOpTeam } from '../parallel/intra-op-team.js';
import { cutRanges, type ReduceTask } from '../parallel/kernel-task.js';

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
 * With a team (`shareWith`), trailing reductions of at least `minElements` inputs are cut into
 * ranges of output rows computed by the helpers too; every output element is summed in the same
 * order either way, so the values are the unsplit ones exactly. (`runTask` also takes column
 * ranges of a leading sum, which measured slower split than whole, so they are not split.)
 */
export class WasmReduce {
  private readonly kernels: Record<(typeof reduceExportNames)[number], WasmFunction>;
  private sharing: { team: IntraOpTeam; minElements: number; perThread: number } | undefined;

  constructor(private readonly heap: WasmHeap) {
    this.kernels = instantiateKernels(
      buildReduceModule(heap.memoryImport()),
      heap.memory,
      reduceExportNames,
    );
  }

  /** Shares reductions over at least `minElements` input elements with `team`. */
  shareWith(team: IntraOpTeam, minElements: number, perThread = 2): void {
    this.sharing = { team, minElements, perThread };
  }

  sum(x: HeapTensor, axes: readonly number[], out: number): boolean {
    const layout = reduceLayout(x.shape, axes);
    if (!layout) return false;
    const { rows, cols } = layout;
    if (layout.kind === 'trailing') this.launch({ op: 'sumRows', x: x.offset, out, rows, cols }, rows);
    else this.launch({ op: 'sumColumns', x: x.offset, out, rows, cols }, cols);
    return true;
  }

  max(x: HeapTensor, axes: readonly number[], out: number): boolean {
    const layout = reduceLayout(x.shape, axes);
    if (layout?.kind !== 'trailing') return false;
    this.launch({ op: 'maxRows', x: x.offset, out, rows: layout.rows, cols: layout.cols }, layout.rows);
    return true;
  }

  /** Computes one share: output rows `range` (sumRows, maxRows) or columns `range` (sumColumns). */
  runTask({ op, x, out, rows, cols, range: [begin, end] }: ReduceTask): void {
    if (end <= begin) return;
    if (op === 'sumColumns') {
      // One float64 accumulator per column.
      const scratch = this.heap.alloc((end - begin) * 8);
      try {
        this.kernels.sumColumns(x + 4 * begin, rows, end - begin, 4 * cols, out + 4 * begin, scratch);
      } finally {
        this.heap.free(scratch);
      }
      return;
    }
    this.kernels[op](x + 4 * begin * cols, end - begin, cols, out + 4 * begin);
  }

  /** Runs a reduction whole, or split over its `units` output elements when it is big enough. */
  private launch(whole: Omit<ReduceTask, 'range'>, units: number): void {
    const sharing = this.sharing;
    // Column sums are not split: a share of the columns still streams through every row, reading
    // whole cache lines for a part of each, and costs more than it saves (README, thresholds).
    const splittable = whole.op !== 'sumColumns';
    const threads = sharing && splittable && whole.rows * whole.cols >= sharing.minElements ? sharing.team.threads() : 1;
    const ranges = threads > 1 ? cutRanges(units, threads * sharing!.perThread) : [];
    if (ranges.length < 2) return this.runTask({ ...whole, range: [0, units] });
    sharing!.team.run(
      ranges.map((range): ReduceTask => ({ ...whole, range })),
      (task) => this.runTask(task as ReduceTask),
    );
  }
}
