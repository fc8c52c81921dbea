import { allocArray, sizeOf, type Conv2dAttrs, type DType, type PrimitiveAttrs, type PrimitiveOp, type TypedArray } from '@loom/graph';
import type { IntraOpTeam, IntraOpTeamFactory } from './parallel/intra-op-team.js';
import { isSplitOp, runKernelTask, splitKernel, type SplitOp } from './parallel/kernel-task.js';
import type { CpuArray, CpuKernel } from './cpu-kernel.js';
import { cpuKernels } from './kernel-table.js';
import { detectWasmFeatures } from './wasm/simd-support.js';
import { WasmHeap } from './wasm/wasm-heap.js';
import { WasmKernels } from './wasm/wasm-kernels.js';
import { wasmKernelFor } from './wasm/wasm-kernel-table.js';
import type { HeapTensor } from './wasm/heap-tensor.js';
import type { WasmFused } from './wasm/wasm-fused.js';

export interface CpuMemoryOptions {
  /** Run matmul, conv2d and reductions as WASM SIMD kernels when the engine allows (default). */
  wasm?: boolean;
  /**
   * Helper threads for big launches — matmul, conv2d, fused elementwise, row reductions — (e.g.
   * `nodeHeapHelpers(1)` from `@loom/backend-cpu/node`, `browserHeapHelpers(1)` from
   * `@loom/backend-cpu/browser`), made when the heap is; WASM kernels only.
   */
  helpers?: IntraOpTeamFactory;
  /** Launches with fewer floating-point operations than this are not split (default 30M: below that, waking a helper and thinner GEMM shares cost more than they save). */
  splitMinFlops?: number;
  /** Fused elementwise launches with fewer output elements than this are not split (see @loom/workers' README). */
  splitMinElements?: number;
  /** Reductions over fewer input elements than this are not split. */
  splitMinReduceElements?: number;
}

/** Default split thresholds, measured on two cores (the table is in @loom/workers' README). */
export const defaultSplitThresholds = { flops: 3e7, elements: 1 << 19, reduceElements: 1 << 20 } as const;

/**
 * Where the CPU backend's arrays live and which kernel computes each launch. Float32 arrays live in
 * one shared WASM heap, so WASM kernels (and worker threads) work on them in place, with no copy
 * per op; int32 and bool arrays are plain typed arrays. The heap is used only with shared memory,
 * whose views stay valid when it grows; without it (a page that is not cross-origin isolated),
 * everything runs on the reference kernels.
 */
export class CpuMemory {
  private wasmState: { heap: WasmHeap; kernels: WasmKernels; team?: IntraOpTeam } | undefined;
  readonly wasmEnabled: boolean;
  private readonly helpers: IntraOpTeamFactory | undefined;
  private readonly splitMinFlops: number;
  private readonly splitMinElements: number;
  private readonly splitMinReduceElements: number;

  constructor({
    wasm = true,
    helpers,
    splitMinFlops = defaultSplitThresholds.flops,
    splitMinElements = defaultSplitThresholds.elements,
    splitMinReduceElements = defaultSplitThresholds.reduceElements,
  }: CpuMemoryOptions = {}) {
    const features = detectWasmFeatures();
    this.wasmEnabled = wasm && features.simd && features.sharedMemory;
    this.helpers = helpers;
    this.splitMinFlops = splitMinFlops;
    this.splitMinElements = splitMinElements;
    this.splitMinReduceElements = splitMinReduceElements;
  }

  /** Whether the GEMM uses relaxed-SIMD FMA, plain SIMD, or no WASM at all. */
  describe(): string {
    if (!this.wasmEnabled) return 'reference JavaScript kernels';
    const kernels = detectWasmFeatures().relaxedSimd ? 'WASM SIMD kernels (relaxed-SIMD FMA)' : 'WASM SIMD kernels';
    return this.helpers ? `${kernels}, big launches shared with helper threads` : kernels;
  }

  /** The heap and kernels, made on first use so a backend that never computes reserves nothing. */
  private get wasm(): { heap: WasmHeap; kernels: WasmKernels; team?: IntraOpTeam } | undefined {
    if (!this.wasmEnabled) return undefined;
    if (!this.wasmState) {
      const heap = new WasmHeap();
      const kernels = new WasmKernels(heap);
      const team = this.helpers?.(heap);
      if (team) {
        kernels.fused.shareWith(team, this.splitMinElements);
        kernels.reduce.shareWith(team, this.splitMinReduceElements);
      }
      this.wasmState = { heap, kernels, team };
    }
    return this.wasmState;
  }

  /** The fused-kernel generator over this heap, or undefined when kernels run as JavaScript. */
  fusedGenerator(): WasmFused | undefined {
    return this.wasm?.kernels.fused;
  }

  /** A new array; its contents are undefined unless `zeroed`. */
  allocate(dtype: DType, shape: readonly number[], zeroed: boolean): CpuArray {
    const size = sizeOf(shape);
    const wasm = dtype === 'float32' && size > 0 ? this.wasm : undefined;
    if (!wasm) return { data: allocArray(dtype, size), shape, dtype };
    const offset = wasm.heap.alloc(size * 4);
    const data = wasm.heap.f32(offset, size);
    if (zeroed) data.fill(0);
    return { data, shape, dtype, offset };
  }

  copyIn(dtype: DType, values: TypedArray): CpuArray {
    const array = this.allocate(dtype, [values.length], false);
    array.data.set(values);
    return array;
  }

  release(array: CpuArray): void {
    if (array.offset !== undefined) this.wasmState?.heap.free(array.offset);
  }

  /** Runs a primitive: the WASM kernel when there is one for it and its operands, else the reference. */
  run<Op extends PrimitiveOp>(op: Op, inputs: readonly CpuArray[], output: CpuArray, attrs: PrimitiveAttrs[Op]): void {
    const wasm = this.wasmState;
    const fast = wasm && wasmKernelFor(op);
    if (fast && output.offset !== undefined && inputs.every((i) => i.offset !== undefined)) {
      if (wasm.team && isSplitOp(op) && this.runSplit(wasm, op, inputs, output, attrs)) return;
      if (fast(wasm.kernels, inputs.map(heapTensor), heapTensor(output), attrs)) return;
    }
    output.data.fill(0); // reference kernels accumulate into a zeroed output
    const kernel: CpuKernel<Op> = cpuKernels[op];
    kernel(inputs, output, attrs);
  }

  /** Shares a big matmul / conv launch with the helpers; false when it is too small to split. */
  private runSplit(
    wasm: { kernels: WasmKernels; team?: IntraOpTeam },
    op: SplitOp,
    inputs: readonly CpuArray[],
    output: CpuArray,
    attrs: PrimitiveAttrs[PrimitiveOp],
  ): boolean {
    const team = wasm.team;
    if (!team) return false;
    const conv = op === 'matmul' ? undefined : (attrs as Conv2dAttrs);
    const tasks = splitKernel(op, inputs.map(heapTensor), heapTensor(output), conv, team.threads(), this.splitMinFlops);
    if (!tasks) return false;
    team.run(tasks, (task) => runKernelTask(wasm.kernels, task));
    return true;
  }

  get heapBytes(): number {
    return this.wasmState?.heap.liveBytes ?? 0;
  }
}

function heapTensor(array: CpuArray): HeapTensor {
  return { offset: array.offset!, shape: array.shape };
}
