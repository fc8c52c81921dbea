import type { Dataset, MnistOptions } from '@loom/data';

/**
 * Where data that cannot be made in-package comes from. MNIST's bytes live outside the package:
 * in Node pass `{ mnist: loadMnist }` (from '@loom/data/node'); in the browser, fetch the IDX files
 * and pass `{ mnist: async (options) => mnistFromIdx(files, options) }`.
 */
export interface DatasetProvider {
  mnist?(options: MnistOptions): Promise<{ train: Dataset; test: Dataset }> | { train: Dataset; test: Dataset };
}
