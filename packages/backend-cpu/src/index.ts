/** CPU kernels on typed arrays, one kernel table keyed by primitive op, and the backend running them. */
export { CpuBackend } from './cpu-backend.js';
export { cpuKernels } from './kernel-table.js';
export type { CpuArray, CpuKernel, CpuKernelTable } from './cpu-kernel.js';
export * from './wasm/index.js';
