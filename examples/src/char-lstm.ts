import { manualSeed } from '@loom/graph';
import { aliceText, charSequences, splitDataset } from '@loom/data';
import { Adam, crossEntropy, evaluate, fit } from '@loom/nn';
import { defineExample } from './example.js';
import { CharLstmModel } from './models/char-lstm-model.js';
import { generateText } from './setup/sample-text.js';
import { lastPositionLogits } from './setup/last-position-logits.js';
import { trainWithProgress } from './setup/train-with-progress.js';

/** A character-level LSTM language model on the opening of Alice in Wonderland. */
export const charLstmExample = defineExample({
  description: 'character-level LSTM language model on the shipped Alice text',
  defaults: { epochs: 20, batchSize: 32, sequenceLength: 48, stride: 6, hidden: 128, lr: 5e-3, generate: 200, seed: 1 },
  async run({ epochs, batchSize, sequenceLength, stride, hidden, lr, generate, seed }, log) {
    manualSeed(seed);
    const data = charSequences(aliceText, { sequenceLength, stride });
    const { train, test } = splitDataset(data, { testFraction: 0.1, seed });
    const model = new CharLstmModel(data.vocabulary.size, { hidden });
    log(`${data.vocabulary.size} characters, ${train.size} training windows of ${sequenceLength}; ${model.parameterCount()} parameters`);
    const optimizer = new Adam(model, { lr, clipNorm: 1 });
    await trainWithProgress(fit(model, train, { loss: crossEntropy, optimizer, epochs, batchSize, seed, validationData: test }), log, 0);
    const trainResult = await evaluate(model, train, { loss: crossEntropy });
    const testResult = await evaluate(model, test, { loss: crossEntropy });
    if (generate > 0) log(`sample: ${JSON.stringify(await generateText(data.vocabulary, 'Alice was ', generate, (c) => lastPositionLogits(model, c), { seed }))}`);
    return { trainLoss: trainResult.loss, validationLoss: testResult.loss, validationAccuracy: testResult.accuracy! };
  },
});
