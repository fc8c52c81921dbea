import { sizeOf, type DType, type FusedExpr, type LoadExpr, type TypedArray } from '@loom/graph';
import { distinctLoads } from '../fused/distinct-loads.js';
import { buildFusedModule, fusedExportName, type LoadStep } from './fused-module.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';

/** What a fused kernel computes: the expression, its inputs' dtypes, the output shape, acc's dtype. */
export interface FusedKernelSpec {
  expr: FusedExpr;
  inputDTypes: readonly DType[];
  shape: readonly number[];
  accDType?: DType;
}

/**
 * A generated fused kernel over heap arrays: fills `out` (in place for epilogues) and returns true,
 * or returns false without touching anything when an array does not live on the heap.
 */
export type HeapFusedKernel = (inputs: readonly TypedArray[], out: TypedArray) => boolean;

/**
 * How the output splits into `rows` runs of `inner` consecutive elements such that, along a run,
 * every load either streams through consecutive elements or repeats one value (a broadcast):
 * a bias added over N×C×H×W reads one value per H×W run.
 */
export interface RunLayout {
  rows: number;
  inner: number;
  steps: LoadStep[];
  /** Element offset of load j at the start of row r: rowOffsets[r · loads + j]. */
  rowOffsets: Int32Array;
}

/** Runs shorter than this go to the JavaScript kernel, as the per-run call would dominate. */
const minRun = 16;
/** Bound on the precomputed row offsets (rows × loads). */
const maxRowOffsets = 1 << 20;

function stepOf(load: LoadExpr, shape: readonly number[], from: number): LoadStep | undefined {
  let splat = true;
  let stream = true;
  let expected = 1;
  for (let d = shape.length - 1; d >= from; d--) {
    if (shape[d] === 1) continue;
    if (load.view.strides[d] !== 0) splat = false;
    if (load.view.strides[d] !== expected) stream = false;
    expected *= shape[d];
  }
  return splat ? 'splat' : stream ? 'stream' : undefined;
}

/** The longest-run layout of `loads` over `shape`, or undefined when runs would be too short. */
export function runLayout(shape: readonly number[], loads: readonly LoadExpr[]): RunLayout | undefined {
  for (let from = 0; from <= shape.length; from++) {
    const steps = loads.map((l) => stepOf(l, shape, from));
    if (steps.some((s) => s === undefined)) continue;
    const inner = sizeOf(shape.slice(from));
    const rows = sizeOf(shape.slice(0, from));
    if (rows > 1 && (inner < minRun || rows * loads.length > maxRowOffsets)) return undefined;
    const rowOffsets = new Int32Array(rows * loads.length);
    const index = new Array<number>(from).fill(0);
    for (let r = 0; r < rows; r++) {
      loads.forEach((l, j) => {
        let offset = l.view.offset;
        for (let d = 0; d < from; d++) offset += index[d] * l.view.strides[d];
        rowOffsets[r * loads.length + j] = offset;
      });
      for (let d = from - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
    }
    return { rows, inner, steps: steps as LoadStep[], rowOffsets };
  }
  return undefined;
}

/**
 * Fused elementwise kernels as generated WASM SIMD modules (one per distinct kernel), working on
 * float32 tensors in the heap in place. `compile` answers undefined for what it does not cover —
 * non-float32 inputs or output, ops without a SIMD form, reads that neither stream nor broadcast
 * along runs of at least `minRun` — and the caller keeps its JavaScript kernel for those.
 */
export class WasmFused {
  /** The memory's buffer objects, current and past (a shared memory's old views stay valid). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(private readonly heap: WasmHeap) {
    this.buffers.add(heap.memory.buffer);
    heap.onGrow(() => this.buffers.add(heap.memory.buffer));
  }

  compile(spec: FusedKernelSpec): HeapFusedKernel | undefined {
    if (spec.accDType !== undefined && spec.accDType !== 'float32') return undefined;
    if (spec.inputDTypes.some((d) => d !== 'float32')) return undefined;
    const loads = distinctLoads(spec.expr);
    const layout = runLayout(spec.shape, loads);
    if (!layout) return undefined;
    const bytes = buildFusedModule(
      { expr: spec.expr, inputDTypes: spec.inputDTypes, loads, steps: layout.steps, epilogue: spec.accDType !== undefined },
      this.heap.memoryImport(),
    );
    if (!bytes) return undefined;
    const run = instantiateKernels(bytes, this.heap.memory, [fusedExportName])[fusedExportName];
    const { rows, inner, rowOffsets } = layout;
    const args = new Array<number>(2 + loads.length);
    return (inputs, out) => {
      if (!this.onHeap(out) || !inputs.every((a) => this.onHeap(a))) return false;
      args[0] = inner;
      for (let r = 0; r < rows; r++) {
        args[1] = out.byteOffset + 4 * r * inner;
        for (let j = 0; j < loads.length; j++) {
          args[2 + j] = inputs[loads[j].input].byteOffset + 4 * rowOffsets[r * loads.length + j];
        }
        run(...args);
      }
      return true;
    };
  }

  private onHeap(array: TypedArray): boolean {
    return array instanceof Float32Array && this.buffers.has(array.buffer);
  }
}
