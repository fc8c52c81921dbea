/** WASM SIMD kernels generated at run time, and the heap they run on. */
export { WasmHeap } from './wasm-heap.js';
export type { WasmHeapOptions, WasmHeapRegion } from './wasm-heap.js';
export { WasmKernels } from './wasm-kernels.js';
export { wasmKernelFor, wasmKernelTable } from './wasm-kernel-table.js';
export type { WasmKernel } from './wasm-kernel-table.js';
export { WasmGemm } from './wasm-gemm.js';
export type {
  GemmBlocking,
  GemmOptions,
  MatrixRef,
  PackedA,
  WasmGemmOptions,
} from './wasm-gemm.js';
export { WasmConv2d } from './wasm-conv2d.js';
export type { HeapTensor, Range } from './heap-tensor.js';
export { WasmReduce, reduceLayout } from './wasm-reduce.js';
export type { ReduceLayout } from './wasm-reduce.js';
export { matmulBatched } from './wasm-matmul.js';
export { detectWasmFeatures } from './simd-support.js';
export type { WasmFeatures } from './simd-support.js';
