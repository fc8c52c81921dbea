import { binaryCrossEntropyWithLogits, crossEntropy, mse, nllLoss } from '@loom/nn';
import type { Tensor } from '@loom/graph';
import { dimsCompatible, formatType, type TensorType } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { ShapeError } from './shape-error.js';

const kinds = ['crossEntropy', 'mse', 'binaryCrossEntropyWithLogits', 'nllLoss'] as const;
/** The losses a loss node can compute. */
export type LossKind = (typeof kinds)[number];

function sameShape(prediction: TensorType, target: TensorType): boolean {
  return prediction.shape.length === target.shape.length && prediction.shape.every((d, i) => dimsCompatible(d, target.shape[i]));
}

function checkTargets(kind: LossKind, prediction: TensorType, target: TensorType): void {
  const both = `prediction ${formatType(prediction)} and target ${formatType(target)}`;
  if (kind === 'crossEntropy' || kind === 'nllLoss') {
    if (prediction.shape.length < 1) throw new ShapeError(`${kind} needs class scores on the last axis, got prediction ${formatType(prediction)}`, 'prediction', 'rank-mismatch');
    const labels = { dtype: 'int32' as const, shape: prediction.shape.slice(0, -1) };
    if (target.dtype === 'int32' ? !sameShape(labels, target) : !(kind === 'crossEntropy' && sameShape(prediction, target)))
      throw new ShapeError(`${kind}: ${both} do not match: labels must be int32 ${formatType(labels)}${kind === 'crossEntropy' ? ' (or probabilities shaped like the prediction)' : ''}`, 'target');
    return;
  }
  if (target.dtype !== 'float32') throw new ShapeError(`${kind}: target ${formatType(target)} must be float32`, 'target', 'dtype-mismatch');
  if (!sameShape(prediction, target)) throw new ShapeError(`${kind}: ${both} must have the same shape`, 'target');
}

/** The loss function a loss node computes: (prediction, target) → scalar. */
export function lossFunction(kind: LossKind): (prediction: Tensor, target: Tensor) => Tensor {
  return { crossEntropy, mse, binaryCrossEntropyWithLogits, nllLoss }[kind];
}

/** A training loss: prediction vs target → a scalar. Its prediction input marks the model's output. */
export const lossNode = defineNodeType({
  type: 'loss',
  category: 'loss',
  title: 'Loss',
  description: 'The training objective. Its prediction input is the model’s output; the target usually comes from the dataset.',
  inputs: [
    { name: 'prediction', title: 'Prediction', dtype: 'float32' },
    { name: 'target', title: 'Target', dtype: 'any' },
  ],
  outputs: [{ name: 'loss', title: 'Loss', dtype: 'float32', rank: [0] }],
  params: [param.choice('kind', kinds, 'crossEntropy', 'crossEntropy takes logits and int32 labels (classes last); mse and BCE take same-shaped float targets; nllLoss takes log-probabilities.')],
  inferShapes({ prediction, target }, { kind }) {
    checkTargets(kind, prediction, target);
    return { loss: { dtype: 'float32', shape: [] } };
  },
  build: ({ kind }) => ({ forward: ({ prediction, target }) => ({ loss: lossFunction(kind)(prediction, target) }) }),
  code: ({ kind }) => ({ imports: { nn: [kind] }, call: (_, { prediction, target }) => `${kind}(${prediction}, ${target})` }),
});
