import { take, type Dataset } from '@loom/data';
import { loadMnist } from '@loom/data/node';

/** MNIST's training digits (the first `trainSize`, 0 = all 60,000) and all 10,000 test digits. */
export async function mnist(trainSize: number, testSize = 0): Promise<{ train: Dataset; test: Dataset }> {
  const { train, test } = await loadMnist();
  return { train: trainSize > 0 ? take(train, trainSize) : train, test: testSize > 0 ? take(test, testSize) : test };
}
