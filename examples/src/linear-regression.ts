import { manualSeed } from '@loom/graph';
import { linearRegression } from '@loom/data';
import { Linear, SGD, evaluate, fit, mse } from '@loom/nn';
import { defineExample } from './example.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/** d2l.ai 3.2: recover w = [2, −3.4], b = 4.2 from 1,000 noisy samples by minibatch SGD. */
export const linearRegressionExample = defineExample({
  description: 'linear regression by minibatch SGD on y = 2·x₁ − 3.4·x₂ + 4.2 + noise',
  defaults: { epochs: 3, batchSize: 10, lr: 0.03, samples: 1000, seed: 1 },
  async run({ epochs, batchSize, lr, samples, seed }, log) {
    manualSeed(seed);
    const data = linearRegression({ samples, weights: [2, -3.4], bias: 4.2, noise: 0.01, seed });
    const model = new Linear(2, 1);
    await trainWithProgress(fit(model, data, { loss: mse, optimizer: new SGD(model, { lr }), epochs, batchSize }), log, 0);
    const [w1, w2] = Array.from(await model.weight.data());
    const b = await model.bias!.item();
    log(`learned w = [${w1.toFixed(4)}, ${w2.toFixed(4)}], b = ${b.toFixed(4)} (true [2, -3.4], 4.2)`);
    const { loss } = await evaluate(model, data, { loss: mse });
    return { mse: loss, weightError: Math.max(Math.abs(w1 - 2), Math.abs(w2 + 3.4)), biasError: Math.abs(b - 4.2) };
  },
});
