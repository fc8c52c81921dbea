import { subset, type Dataset } from './dataset.js';
import { permutation } from './shuffle.js';

export interface SplitOptions {
  /** The fraction of examples that go to the second part (e.g. 0.2 for a 80/20 split). */
  testFraction: number;
  /** Shuffles before splitting with this seed; without one the split keeps the dataset's order. */
  seed?: number;
}

/** Splits a dataset into a training and a held-out part. */
export function splitDataset(dataset: Dataset, { testFraction, seed }: SplitOptions): { train: Dataset; test: Dataset } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`splitDataset: testFraction must be in (0, 1), got ${testFraction}`);
  const testSize = Math.round(dataset.size * testFraction);
  if (testSize === 0 || testSize === dataset.size)
    throw new Error(`splitDataset: ${dataset.size} examples cannot be split with testFraction ${testFraction}`);
  const order = seed === undefined ? Int32Array.from({ length: dataset.size }, (_, i) => i) : permutation(dataset.size, seed);
  const trainSize = dataset.size - testSize;
  return {
    train: subset(dataset, order.subarray(0, trainSize), `${dataset.name} (train)`),
    test: subset(dataset, order.subarray(trainSize), `${dataset.name} (test)`),
  };
}
