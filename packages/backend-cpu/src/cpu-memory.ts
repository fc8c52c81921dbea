import { allocArray, sizeOf, type DType, type PrimitiveAttrs, type PrimitiveOp, type TypedArray } from '@loom/graph';
import type { CpuArray, CpuKernel } from './cpu-kernel.js';
import { cpuKernels } from './kernel-table.js';
import { detectWasmFeatures } from './wasm/simd-support.js';
import { WasmHeap } from './wasm/wasm-heap.js';
import { WasmKernels } from './wasm/wasm-kernels.js';
import { wasmKernelFor } from './wasm/wasm-kernel-table.js';
import type { HeapTensor } from './wasm/heap-tensor.js';

export interface CpuMemoryOptions {
  /** Run matmul, conv2d and reductions as WASM SIMD kernels when the engine allows (default). */
  wasm?: boolean;
}

/**
 * Where the CPU backend's arrays live and which kernel computes each launch. Float32 arrays live in
 * one shared WASM heap, so WASM kernels (and worker threads) work on them in place, with no copy
 * per op; int32 and bool arrays are plain typed arrays. The heap is used only with shared memory,
 * whose views stay valid when it grows; without it (a page that is not cross-origin isolated),
 * everything runs on the reference kernels.
 */
export class CpuMemory {
  private wasmState: { heap: WasmHeap; kernels: WasmKernels } | undefined;
  readonly wasmEnabled: boolean;

  constructor({ wasm = true }: CpuMemoryOptions = {}) {
    const features = detectWasmFeatures();
    this.wasmEnabled = wasm && features.simd && features.sharedMemory;
  }

  /** Whether the GEMM uses relaxed-SIMD FMA, plain SIMD, or no WASM at all. */
  describe(): string {
    if (!this.wasmEnabled) return 'reference JavaScript kernels';
    return detectWasmFeatures().relaxedSimd ? 'WASM SIMD kernels (relaxed-SIMD FMA)' : 'WASM SIMD kernels';
  }

  /** The heap and kernels, made on first use so a backend that never computes reserves nothing. */
  private get wasm(): { heap: WasmHeap; kernels: WasmKernels } | undefined {
    if (!this.wasmEnabled) return undefined;
    if (!this.wasmState) {
      const heap = new WasmHeap();
      this.wasmState = { heap, kernels: new WasmKernels(heap) };
    }
    return this.wasmState;
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
      if (fast(wasm.kernels, inputs.map(heapTensor), heapTensor(output), attrs)) return;
    }
    output.data.fill(0); // reference kernels accumulate into a zeroed output
    const kernel: CpuKernel<Op> = cpuKernels[op];
    kernel(inputs, output, attrs);
  }

  get heapBytes(): number {
    return this.wasmState?.heap.liveBytes ?? 0;
  }
}

function heapTensor(array: CpuArray): HeapTensor {
  return { offset: array.offset!, shape: array.shape };
}
