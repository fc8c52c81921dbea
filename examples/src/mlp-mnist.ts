import { manualSeed } from '@loom/graph';
import { Flatten, Linear, ReLU, SGD, Sequential, crossEntropy, evaluate, fit } from '@loom/nn';
import { defineExample } from './example.js';
import { mnist } from './setup/mnist.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/** The textbook MLP: 784-128-64-10 with ReLU, cross-entropy, SGD (momentum 0.9, lr 0.01), batch 64. */
export const mlpMnistExample = defineExample({
  description: 'MLP 784-128-64-10 on MNIST with SGD (momentum 0.9)',
  defaults: { epochs: 10, batchSize: 64, lr: 0.01, momentum: 0.9, trainSize: 0, testSize: 0, seed: 1 },
  async run({ epochs, batchSize, lr, momentum, trainSize, testSize, seed }, log) {
    manualSeed(seed);
    const { train, test } = await mnist(trainSize, testSize);
    const model = new Sequential(new Flatten(), new Linear(784, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10));
    log(`${model.parameterCount()} parameters; ${train.size} training and ${test.size} test digits`);
    const optimizer = new SGD(model, { lr, momentum });
    const history = await trainWithProgress(fit(model, train, { loss: crossEntropy, optimizer, epochs, batchSize, seed }), log, 200);
    const result = await evaluate(model, test, { loss: crossEntropy });
    return { testAccuracy: result.accuracy!, testLoss: result.loss, trainSeconds: history.reduce((s, e) => s + e.seconds, 0) };
  },
});
