/** The Comlink-wrapped worker pool: engine worker, intra-op parallelism, fault handling. */
export { WorkerPool, defaultThreadCap, type PoolOptions, type PoolInfo, type ReplaceListener } from './pool/worker-pool.js';
export { PoolBackend } from './pool/pool-backend.js';
export { registerPoolBackend, type RegisterPoolOptions } from './register.js';
export { DEFAULT_SPLIT_MIN_FLOPS, DEFAULT_SPLIT_MIN_ELEMENTS, DEFAULT_SPLIT_MIN_REDUCE_ELEMENTS } from './pool/thresholds.js';
export { sharedMemorySupport, type SharedMemorySupport } from './platform/environment.js';
export type { CallInfo } from './pool/call-info.js';
export type * from './protocol.js';
