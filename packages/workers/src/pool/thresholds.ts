/**
 * Launches with fewer floating-point operations than this run on the engine alone. Measured on
 * the project's 2-core machine with `npm run bench` (see the README): splitting a matmul pays
 * from about this size on, once the copies into shared memory and the dispatch are counted.
 */
export const DEFAULT_SPLIT_MIN_FLOPS = 1_000_000;
