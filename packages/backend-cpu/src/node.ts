/** Node-only additions to the CPU backend: helper threads for intra-op parallelism, and relaxed SIMD on Node 20. */
export { nodeHeapHelpers } from './parallel/node-heap-helpers.js';
export { enableRelaxedSimd } from './wasm/enable-relaxed-simd.js';
