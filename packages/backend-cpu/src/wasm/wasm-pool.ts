import type { Pool2dAttrs } from '@loom/graph';
import type { HeapTensor } from './heap-tensor.js';
import { buildPoolModule, poolExportNames } from './pool-module.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels, type WasmFunction } from './wasm-instance.js';

/** The CNN pool: 2×2 windows, stride 2, no padding (the only case the SIMD kernels take). */
function isPlain2x2({ kernelSize, stride, padding }: Pool2dAttrs): boolean {
  return kernelSize[0] === 2 && kernelSize[1] === 2 && stride[0] === 2 && stride[1] === 2 && padding.every((p) => p === 0);
}

/**
 * Max pooling of NCHW float32 tensors as SIMD loops, four windows per step, for 2×2 windows at
 * stride 2 without padding; false for any other pool (the caller runs the reference kernel).
 * Forward and backward pick the same element of each window as the reference: the first NaN,
 * else the first maximum.
 */
export class WasmPool {
  private readonly kernels: Record<(typeof poolExportNames)[number], WasmFunction>;

  constructor(private readonly heap: WasmHeap) {
    this.kernels = instantiateKernels(buildPoolModule(heap.memoryImport()), heap.memory, poolExportNames);
  }

  maxPool2d(x: HeapTensor, y: HeapTensor, attrs: Pool2dAttrs): boolean {
    if (x.shape.length !== 4 || !isPlain2x2(attrs)) return false;
    const [n, c, h, w] = x.shape;
    this.kernels.maxPool2x2(x.offset, y.offset, n * c, h, w);
    return true;
  }

  maxPool2dGrad(x: HeapTensor, dy: HeapTensor, dx: HeapTensor, attrs: Pool2dAttrs): boolean {
    if (x.shape.length !== 4 || !isPlain2x2(attrs)) return false;
    const [n, c, h, w] = x.shape;
    // Odd sizes leave the last row or column outside every window: their gradient is 0.
    if (h % 2 === 1 || w % 2 === 1) this.heap.f32(dx.offset, n * c * h * w).fill(0);
    this.kernels.maxPool2x2Grad(x.offset, dy.offset, dx.offset, n * c, h, w);
    return true;
  }
}
