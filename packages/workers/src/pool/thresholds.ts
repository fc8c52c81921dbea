import { defaultSplitThresholds } from '@loom/backend-cpu';

/**
 * When the engine's CpuBackend shares a launch with its helper threads, unless the pool's options
 * say otherwise: measured on two cores with `bench/thresholds.ts` (the crossover table is in the
 * README). Below these sizes, waking a helper costs more than its share saves.
 */
export const DEFAULT_SPLIT_MIN_FLOPS: number = defaultSplitThresholds.flops;
/** Fused elementwise launches with fewer output elements stay on one thread. */
export const DEFAULT_SPLIT_MIN_ELEMENTS: number = defaultSplitThresholds.elements;
/** Reductions over fewer input elements stay on one thread. */
export const DEFAULT_SPLIT_MIN_REDUCE_ELEMENTS: number = defaultSplitThresholds.reduceElements;
