import { fromArray } from '@loom/graph';
import { batches, type Dataset } from '@loom/data';
import { argmaxRows, confusionMatrix } from '../training/confusion-matrix.js';
import type { TestEvaluation } from './protocol.js';
import type { GraphModule } from '@loom/model';

/**
 * Runs the test split through the model in evaluation mode and reads back only the logits: the
 * mean cross-entropy, the accuracy and the confusion matrix are computed from them on the host.
 */
export async function evaluateOnTest(
  module: GraphModule,
  test: Dataset,
  batchSize = 500,
): Promise<TestEvaluation | undefined> {
  const classes = test.classes;
  if (!classes || !(test.targets instanceof Int32Array) || test.targetShape.length !== 0)
    return undefined;
  const wasTraining = module.training;
  module.eval();
  const predictions = new Int32Array(test.size);
  let lossSum = 0;
  try {
    let offset = 0;
    for (const batch of batches(test, { batchSize })) {
      const logits = module.forward(batch.inputs);
      const values = await logits.data();
      for (const t of [logits, batch.inputs, batch.targets]) t.dispose();
      const width = classes.length;
      predictions.set(argmaxRows(values, width), offset);
      for (let r = 0; r < batch.size; r++)
        lossSum += crossEntropyRow(values, r * width, width, test.targets[offset + r]);
      offset += batch.size;
    }
  } finally {
    module.train(wasTraining);
  }
  const confusion = confusionMatrix(test.targets, predictions, classes.length);
  const right = confusion.reduce((n, row, i) => n + row[i], 0);
  return {
    loss: lossSum / test.size,
    accuracy: right / test.size,
    examples: test.size,
    classes: [...classes],
    confusion,
  };
}

/** −log softmax(row)[label], computed stably. */
export function crossEntropyRow(
  values: ArrayLike<number>,
  start: number,
  width: number,
  label: number,
): number {
  let max = -Infinity;
  for (let c = 0; c < width; c++) max = Math.max(max, values[start + c]);
  let sum = 0;
  for (let c = 0; c < width; c++) sum += Math.exp(values[start + c] - max);
  return Math.log(sum) + max - values[start + label];
}

/** One example of a dataset as a batch of one (for inspection and the live preview). */
export function exampleTensor(data: Dataset, index = 0) {
  const per = data.inputShape.reduce((a, b) => a * b, 1);
  return fromArray(data.inputs.slice(index * per, (index + 1) * per), [1, ...data.inputShape]);
}
