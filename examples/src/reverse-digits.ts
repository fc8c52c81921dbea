import { manualSeed } from '@loom/graph';
import { reverseDigits } from '@loom/data';
import { Adam, crossEntropy, evaluate, fit, linearWarmup } from '@loom/nn';
import { defineExample } from './example.js';
import { TokenTransformer } from './models/token-transformer.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/**
 * A small Transformer encoder learns to reverse 8-digit sequences: output position t must copy
 * input position 7 − t, which only attention across positions can do.
 */
export const reverseDigitsExample = defineExample({
  description: 'small Transformer reversing 8-digit sequences (token accuracy on held-out sequences)',
  defaults: { epochs: 2, samples: 6000, testSamples: 1000, batchSize: 64, dModel: 64, heads: 4, layers: 2, lr: 3e-3, warmup: 50, seed: 1 },
  async run({ epochs, samples, testSamples, batchSize, dModel, heads, layers, lr, warmup, seed }, log) {
    manualSeed(seed);
    const train = reverseDigits({ samples, length: 8, seed });
    const test = reverseDigits({ samples: testSamples, length: 8, seed: seed + 1000 });
    const model = new TokenTransformer(10, { dModel, heads, layers, dropout: 0, maxLen: 8, causal: false });
    log(`${model.parameterCount()} parameters; ${train.size} training and ${test.size} held-out sequences`);
    const optimizer = new Adam(model, { lr: linearWarmup(lr, warmup) });
    await trainWithProgress(fit(model, train, { loss: crossEntropy, optimizer, epochs, batchSize, seed, validationData: test }), log, 0);
    const result = await evaluate(model, test, { loss: crossEntropy });
    return { testTokenAccuracy: result.accuracy!, testLoss: result.loss };
  },
});
