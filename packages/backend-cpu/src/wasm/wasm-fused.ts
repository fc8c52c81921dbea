import { sizeOf, type DType, type FusedExpr, type LoadExpr, type TypedArray } from '@loom/graph';
import { distinctLoads } from '../fused/distinct-loads.js';
import { buildFusedModule, fusedExportName, type LoadStep } from './fused-module.js';
import type { WasmHeap } from './wasm-heap.js';
import { functionExports, type WasmFunction } from './wasm-instance.js';
import type { Range } from './heap-tensor.js';
import type { IntraOpTeam } from '../parallel/intra-op-team.js';
import { cutRanges, type FusedKernelRegistration, type FusedTask } from '../parallel/kernel-task.js';

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

/** What a run of a fused kernel needs besides its operands: the layout's runs. */
interface RunShape {
  inner: number;
  steps: readonly LoadStep[];
  rowOffsets: Int32Array;
}

/**
 * Computes output elements [begin, end) of a fused kernel: the part of each run of `inner`
 * elements inside the range, one call per run. `out` and `loads` (each load's array) are byte
 * offsets; every element is computed the same way whatever the range, so a split launch gives
 * exactly the unsplit values.
 */
export function runFusedRange(run: WasmFunction, layout: RunShape, out: number, loads: readonly number[], [begin, end]: Range): void {
  const { inner, steps, rowOffsets } = layout;
  const count = loads.length;
  const args = new Array<number>(2 + count);
  for (let r = Math.floor(begin / inner), last = Math.ceil(end / inner); r < last; r++) {
    const from = Math.max(begin, r * inner);
    const skip = from - r * inner;
    args[0] = Math.min(end, (r + 1) * inner) - from;
    args[1] = out + 4 * from;
    for (let j = 0; j < count; j++) {
      args[2 + j] = loads[j] + 4 * (rowOffsets[r * count + j] + (steps[j] === 'stream' ? skip : 0));
    }
    run(...args);
  }
}

/** Whether two float32 arrays share any bytes. */
function overlaps(a: TypedArray, b: TypedArray): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** Where a launch's elements are shared with helper threads, and from how many elements on. */
interface FusedSharing {
  team: IntraOpTeam;
  minElements: number;
  perThread: number;
}

/**
 * Fused elementwise kernels as generated WASM SIMD modules (one per distinct kernel), working on
 * float32 tensors in the heap in place. `compile` answers undefined for what it does not cover —
 * non-float32 inputs or output, ops without a SIMD form, reads that neither stream nor broadcast
 * along runs of at least `minRun` — and the caller keeps its JavaScript kernel for those. With a
 * team (`shareWith`), launches of at least `minElements` elements are cut into element ranges
 * that the helpers compute too; helpers get each kernel's module once (`adopt`).
 */
export class WasmFused {
  /** The memory's buffer objects, current and past (a shared memory's old views stay valid). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private sharing: FusedSharing | undefined;
  private nextKernelId = 1;
  /** Kernels a helper thread was handed, by id. */
  private readonly adopted = new Map<number, { run: WasmFunction; layout: RunShape }>();

  constructor(private readonly heap: WasmHeap) {
    this.buffers.add(heap.memory.buffer);
    heap.onGrow(() => this.buffers.add(heap.memory.buffer));
  }

  /** Shares launches of at least `minElements` output elements with `team`. */
  shareWith(team: IntraOpTeam, minElements: number, perThread = 2): void {
    this.sharing = { team, minElements, perThread };
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
    const module = new WebAssembly.Module(bytes);
    const run = this.instantiate(module);
    const total = layout.rows * layout.inner;
    const epilogue = spec.accDType !== undefined;
    let registered: number | undefined;
    return (inputs, out) => {
      if (!this.onHeap(out) || !inputs.every((a) => this.onHeap(a))) return false;
      const bases = loads.map((l) => inputs[l.input].byteOffset);
      const sharing = this.sharing;
      const threads = sharing && total >= sharing.minElements ? sharing.team.threads() : 1;
      const ranges = threads > 1 ? cutRanges(total, threads * sharing!.perThread, 16) : [];
      if (ranges.length < 2) {
        runFusedRange(run, layout, out.byteOffset, bases, [0, total]);
        return true;
      }
      const team = sharing!.team;
      if (registered === undefined) {
        registered = this.nextKernelId++;
        const { rows, inner, steps, rowOffsets } = layout;
        team.register({ id: registered, module, rows, inner, steps, rowOffsets });
      }
      const inPlace = epilogue || inputs.some((a) => overlaps(a, out));
      const tasks = ranges.map((range): FusedTask => ({ op: 'fused', kernel: registered!, out: out.byteOffset, loads: bases, range, inPlace }));
      team.run(tasks, (task) => runFusedRange(run, layout, out.byteOffset, bases, task.range));
      return true;
    };
  }

  /** Helper side: keeps a kernel the backend's thread registered, for the tasks that name it. */
  adopt(kernel: FusedKernelRegistration): void {
    this.adopted.set(kernel.id, { run: this.instantiate(kernel.module), layout: kernel });
  }

  /** Helper side: computes one share of a registered kernel. */
  runTask(task: FusedTask): void {
    const kernel = this.adopted.get(task.kernel);
    if (!kernel) throw new Error(`fused kernel ${task.kernel} was never handed to this thread`);
    runFusedRange(kernel.run, kernel.layout, task.out, task.loads, task.range);
  }

  private instantiate(module: WebAssembly.Module): WasmFunction {
    const instance = new WebAssembly.Instance(module, { env: { memory: this.heap.memory } });
    return functionExports(instance, [fusedExportName])[fusedExportName];
  }

  private onHeap(array: TypedArray): boolean {
    return array instanceof Float32Array && this.buffers.has(array.buffer);
  }
}
