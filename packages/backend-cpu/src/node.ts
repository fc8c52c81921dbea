/** Node-only additions to the CPU backend: helper threads for intra-op parallelism. */
export { nodeHeapHelpers } from './parallel/node-heap-helpers.js';
