import type { Conv2dAttrs } from '@loom/graph';
import { WasmConv2d } from './wasm-conv2d.js';
import type { HeapTensor, Range } from './heap-tensor.js';
import { WasmFused } from './wasm-fused.js';
import { WasmGemm } from './wasm-gemm.js';
import { WasmPool } from './wasm-pool.js';
import type { WasmGemmOptions } from './wasm-gemm.js';
import type { WasmHeap } from './wasm-heap.js';
import { matmulBatched } from './wasm-matmul.js';
import { WasmReduce } from './wasm-reduce.js';

/**
 * Every WASM kernel, instantiated once against one heap: what a backend (or a worker sharing the
 * heap's memory) holds. Operands are heap offsets; outputs must be allocated before the call.
 * Kernels reserve scratch (packing buffers, col matrices) from the heap, which may grow it — so
 * derive typed-array views only after a kernel returns.
 */
export class WasmKernels {
  readonly gemm: WasmGemm;
  readonly conv: WasmConv2d;
  readonly reduce: WasmReduce;
  readonly fused: WasmFused;
  readonly pool: WasmPool;

  constructor(
    readonly heap: WasmHeap,
    options: WasmGemmOptions = {},
  ) {
    this.gemm = new WasmGemm(heap, options);
    this.conv = new WasmConv2d(heap, this.gemm);
    this.reduce = new WasmReduce(heap);
    this.fused = new WasmFused(heap);
    this.pool = new WasmPool(heap);
  }

  /** Whether the GEMM multiplies with relaxed-SIMD FMA (else f32x4 mul + add). */
  get fma(): boolean {
    return this.gemm.tile.fma;
  }

  matmul(a: HeapTensor, b: HeapTensor, out: HeapTensor, rows?: Range): void {
    matmulBatched(this.gemm, a, b, out, rows);
  }

  conv2d(x: HeapTensor, w: HeapTensor, y: HeapTensor, attrs: Conv2dAttrs, images?: Range): void {
    this.conv.forward(x, w, y, attrs, images);
  }

  conv2dInputGrad(
    dy: HeapTensor,
    w: HeapTensor,
    dx: HeapTensor,
    attrs: Conv2dAttrs,
    images?: Range,
  ): void {
    this.conv.inputGrad(dy, w, dx, attrs, images);
  }

  conv2dFilterGrad(
    x: HeapTensor,
    dy: HeapTensor,
    dw: HeapTensor,
    attrs: Conv2dAttrs,
    outChannels?: Range,
  ): void {
    this.conv.filterGrad(x, dy, dw, attrs, outChannels);
  }

  /**
   * Sum over trailing or leading axes, or over leading and trailing axes together (a conv bias
   * gradient sums N, H and W of NCHW) as two passes; false otherwise (use the reference).
   */
  sum(x: HeapTensor, axes: readonly number[], out: number): boolean {
    if (this.reduce.sum(x, axes, out)) return true;
    const reduced = new Set(axes);
    const trailing: number[] = [];
    for (let a = x.shape.length - 1; reduced.has(a); a--) trailing.unshift(a);
    const leading = axes.filter((a) => !trailing.includes(a)).sort((a, b) => a - b);
    if (!trailing.length || !leading.length || !leading.every((a, i) => a === i)) return false;
    const partialShape = x.shape.slice(0, x.shape.length - trailing.length);
    const partial = this.heap.alloc(partialShape.reduce((n, d) => n * d, 1) * 4);
    try {
      return this.reduce.sum(x, trailing, partial) && this.reduce.sum({ offset: partial, shape: partialShape }, leading, out);
    } finally {
      this.heap.free(partial);
    }
  }

  /** Max over trailing axes; false otherwise. */
  max(x: HeapTensor, axes: readonly number[], out: number): boolean {
    return this.reduce.max(x, axes, out);
  }
}
