/**
 * The WebGPU backend: WGSL kernels for every primitive (one table keyed by primitive op), a code
 * generator for fused elementwise kernels and epilogues, and the factory `setBackend` uses.
 */
export { WebGpuBackend } from './webgpu-backend.js';
export { createWebGpuBackend, describeAdapter, type WebGpuBackendOptions } from './create-webgpu-backend.js';
export { registerWebGpuBackend, WEBGPU_PRIORITY } from './register.js';
export { defaultSelfTest, runSelfTest, type SelfTest } from './self-test.js';
export { webgpuKernels } from './kernel-table.js';
export type { WebGpuKernel, WebGpuKernelTable, KernelArg, KernelLaunch, KernelEpilogue } from './kernels/kernel.js';
export type { Dispatch, Binding, BindingSource, IndexCheck } from './codegen/dispatch.js';
