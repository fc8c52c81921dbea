import { concat, Tensor } from '@loom/graph';
import { batches, type Dataset } from '@loom/data';
import type { LayerModule } from '../core/module.js';
import { compileEvalStep, compileForward, type LossFunction } from './steps.js';

export interface EvaluateOptions {
  loss: LossFunction;
  batchSize?: number;
}

export interface Evaluation {
  /** The mean loss per example. */
  loss: number;
  /** For classification (int32 targets): the fraction of correct argmax predictions. */
  accuracy?: number;
  examples: number;
}

/** Runs `fn` with the model in evaluation mode, then restores its mode. */
export async function inEvalMode<T>(model: LayerModule, fn: () => Promise<T>): Promise<T> {
  const wasTraining = model.training;
  model.eval();
  try {
    return await fn();
  } finally {
    model.train(wasTraining);
  }
}

/** Loss and metrics from a compiled evaluation step over a whole dataset. */
export async function evaluateWith(step: (inputs: Tensor, targets: Tensor) => Promise<Tensor>, data: Dataset, batchSize: number): Promise<Evaluation> {
  let lossSum = 0;
  let correct = 0;
  let labels = 0;
  let classification = false;
  for (const batch of batches(data, { batchSize })) {
    const metrics = await step(batch.inputs, batch.targets);
    const [loss, right] = await metrics.data();
    for (const t of [metrics, batch.inputs, batch.targets]) t.dispose(); // see fit()
    lossSum += loss * batch.size;
    correct += right;
    labels += batch.targets.size;
    classification ||= data.classes !== undefined && batch.targets.dtype === 'int32';
  }
  const result: Evaluation = { loss: lossSum / data.size, examples: data.size };
  if (classification) result.accuracy = correct / labels;
  return result;
}

/**
 * The mean loss (and accuracy, for classification) of a model on a dataset, in evaluation mode,
 * without gradients.
 * @example const { loss, accuracy } = await evaluate(model, test, { loss: crossEntropy })
 */
export async function evaluate(model: LayerModule, data: Dataset, { loss, batchSize = 256 }: EvaluateOptions): Promise<Evaluation> {
  return inEvalMode(model, () => evaluateWith(compileEvalStep(model, loss), data, batchSize));
}

/**
 * The model's outputs for a batch tensor, or for every input of a dataset (run in batches and
 * joined), in evaluation mode. The result is computed.
 */
export async function predict(model: LayerModule, inputs: Tensor | Dataset, { batchSize = 256 }: { batchSize?: number } = {}): Promise<Tensor> {
  return inEvalMode(model, async () => {
    const forward = compileForward(model);
    if (inputs instanceof Tensor) {
      const out = await forward(inputs);
      await out.data();
      return out;
    }
    const outputs: Tensor[] = [];
    for (const batch of batches(inputs, { batchSize })) {
      outputs.push(await forward(batch.inputs));
      batch.inputs.dispose();
      batch.targets.dispose();
    }
    const joined = concat(outputs, 0);
    await joined.data();
    return joined;
  });
}
