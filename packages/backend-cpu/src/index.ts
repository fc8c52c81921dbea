/** CPU kernels on typed arrays, one kernel table keyed by primitive op, and the backend running them. */
export { CpuBackend } from './cpu-backend.js';
export { cpuKernels } from './kernel-table.js';
export type { CpuArray, CpuKernel, CpuKernelTable } from './cpu-kernel.js';
export * from './wasm/index.js';
export { HeapHelperTeam } from './parallel/intra-op-team.js';
export type {
  IntraOpTeam,
  IntraOpTeamFactory,
  HeapHelperMessage,
  HelperEndpoint,
  HelperFault,
  HeapHelperTeamOptions,
  HeapHelperTeamFactory,
  SpawnHelper,
  TeamStats,
} from './parallel/intra-op-team.js';
export { serveHeapHelper } from './parallel/heap-helper.js';
export type { KernelTask, SplitOp, GemmTask, FusedTask, ReduceTask, FusedKernelRegistration } from './parallel/kernel-task.js';
export { defaultSplitThresholds, type CpuMemoryOptions } from './cpu-memory.js';
