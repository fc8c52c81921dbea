import { fromArray, type Tensor } from '@loom/graph';
import { elementsPerExample, gatherRows, type Dataset } from './dataset.js';
import { permutation } from './shuffle.js';

export interface Batch {
  /** [batch, ...inputShape] */
  inputs: Tensor;
  /** [batch, ...targetShape]; int32 labels for classification. */
  targets: Tensor;
  /** The number of examples (the last batch may be smaller unless `dropLast`). */
  size: number;
}

export interface BatchOptions {
  batchSize: number;
  /** Visit examples in a seeded random order. */
  shuffle?: boolean;
  /** The shuffling seed; training loops pass a different one per epoch. */
  seed?: number;
  /** Skip a last batch smaller than batchSize (keeps every compiled step the same shape). */
  dropLast?: boolean;
}

/** How many batches `batches` yields. */
export function batchCount(dataset: Dataset, { batchSize, dropLast = false }: BatchOptions): number {
  return dropLast ? Math.floor(dataset.size / batchSize) : Math.ceil(dataset.size / batchSize);
}

/**
 * The dataset in batches of tensors, copied from the host arrays one batch at a time. Tensors are
 * created lazily: they reach the active backend when a step first reads them.
 */
export function* batches(dataset: Dataset, options: BatchOptions): Generator<Batch> {
  const { batchSize, shuffle = false, seed = 0 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batches: batchSize must be a positive integer, got ${batchSize}`);
  const order = shuffle ? permutation(dataset.size, seed) : undefined;
  const inputSize = elementsPerExample(dataset.inputShape);
  const targetSize = elementsPerExample(dataset.targetShape);
  const count = batchCount(dataset, options);
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    const size = Math.min(batchSize, dataset.size - start);
    const inputs = order
      ? gatherRows(dataset.inputs, inputSize, order.subarray(start, start + size))
      : dataset.inputs.slice(start * inputSize, (start + size) * inputSize);
    const targets = order
      ? gatherRows(dataset.targets, targetSize, order.subarray(start, start + size))
      : dataset.targets.slice(start * targetSize, (start + size) * targetSize);
    yield {
      inputs: fromArray(inputs, [size, ...dataset.inputShape]),
      targets: fromArray(targets, [size, ...dataset.targetShape]),
      size,
    };
  }
}
