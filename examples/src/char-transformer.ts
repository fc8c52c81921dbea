import { manualSeed } from '@loom/graph';
import { aliceText, charSequences, splitDataset } from '@loom/data';
import { AdamW, crossEntropy, evaluate, fit, linearWarmup } from '@loom/nn';
import { defineExample } from './example.js';
import { TokenTransformer } from './models/token-transformer.js';
import { generateText } from './setup/sample-text.js';
import { lastPositionLogits } from './setup/last-position-logits.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/** A 2-layer causal Transformer language model on the same text (self-attention, multi-head, positions). */
export const charTransformerExample = defineExample({
  description: '2-layer causal Transformer language model on the shipped Alice text',
  defaults: { epochs: 20, batchSize: 32, sequenceLength: 48, stride: 6, dModel: 64, heads: 4, layers: 2, lr: 5e-3, warmup: 50, generate: 200, seed: 1 },
  async run({ epochs, batchSize, sequenceLength, stride, dModel, heads, layers, lr, warmup, generate, seed }, log) {
    manualSeed(seed);
    const data = charSequences(aliceText, { sequenceLength, stride });
    const { train, test } = splitDataset(data, { testFraction: 0.1, seed });
    const model = new TokenTransformer(data.vocabulary.size, { dModel, heads, layers, dropout: 0.1, maxLen: sequenceLength, causal: true });
    log(`${data.vocabulary.size} characters, ${train.size} training windows of ${sequenceLength}; ${model.parameterCount()} parameters`);
    const optimizer = new AdamW(model, { lr: linearWarmup(lr, warmup), clipNorm: 1 });
    await trainWithProgress(fit(model, train, { loss: crossEntropy, optimizer, epochs, batchSize, seed, validationData: test }), log, 0);
    const trainResult = await evaluate(model, train, { loss: crossEntropy });
    const testResult = await evaluate(model, test, { loss: crossEntropy });
    if (generate > 0)
      log(`sample: ${JSON.stringify(await generateText(data.vocabulary, 'Alice was ', generate, (c) => lastPositionLogits(model, c), { seed, window: sequenceLength }))}`);
    return { trainLoss: trainResult.loss, validationLoss: testResult.loss, validationAccuracy: testResult.accuracy! };
  },
});
