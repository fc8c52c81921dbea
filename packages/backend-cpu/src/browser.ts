/** Browser-only additions to the CPU backend: helper threads (nested module Web Workers). */
export { browserHeapHelpers } from './parallel/browser-heap-helpers.js';
