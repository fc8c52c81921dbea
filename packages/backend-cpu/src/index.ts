/** CPU kernels on typed arrays, one kernel table keyed by primitive op, and the backend running them. */
export { CpuBackend } from './cpu-backend.js';
export { cpuKernels } from './kernel-table.js';
export type { CpuArray, CpuKernel, CpuKernelTable } from './cpu-kernel.js';
export * from './wasm/index.js';
export { HeapHelperTeam } from './parallel/intra-op-team.js';
export type { IntraOpTeam, IntraOpTeamFactory, HeapHelperMessage, HelperEndpoint, HeapHelperTeamOptions } from './parallel/intra-op-team.js';
export { serveHeapHelper } from './parallel/heap-helper.js';
export type { KernelTask, SplitOp } from './parallel/kernel-task.js';
