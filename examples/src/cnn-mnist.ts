import { manualSeed } from '@loom/graph';
import { Adam, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, crossEntropy, evaluate, fit } from '@loom/nn';
import { defineExample } from './example.js';
import { mnist } from './setup/mnist.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/** The textbook CNN: conv(1→32, 3×3) → max-pool → conv(32→64, 3×3) → max-pool → dense(→10). */
export const cnnMnistExample = defineExample({
  description: 'CNN conv(1→32) → pool → conv(32→64) → pool → dense(10) on MNIST with Adam',
  defaults: { epochs: 2, batchSize: 64, lr: 1e-3, channels1: 32, channels2: 64, trainSize: 0, testSize: 0, seed: 1 },
  async run({ epochs, batchSize, lr, channels1, channels2, trainSize, testSize, seed }, log) {
    manualSeed(seed);
    const { train, test } = await mnist(trainSize, testSize);
    const model = new Sequential(
      new Conv2d(1, channels1, 3),
      new ReLU(),
      new MaxPool2d(2),
      new Conv2d(channels1, channels2, 3),
      new ReLU(),
      new MaxPool2d(2),
      new Flatten(),
      new Linear(channels2 * 5 * 5, 10),
    );
    log(`${model.parameterCount()} parameters; ${train.size} training and ${test.size} test digits`);
    const optimizer = new Adam(model, { lr });
    const history = await trainWithProgress(fit(model, train, { loss: crossEntropy, optimizer, epochs, batchSize, seed }), log, 50);
    const result = await evaluate(model, test, { loss: crossEntropy });
    return { testAccuracy: result.accuracy!, testLoss: result.loss, trainSeconds: history.reduce((s, e) => s + e.seconds, 0) };
  },
});
