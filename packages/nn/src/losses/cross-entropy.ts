import { formatShape, oneHot, shapesEqual, type Tensor } from '@loom/graph';
import type { Reduction } from './reduction.js';
import { reduce } from './reduction.js';
import { checkLabels, reduceIgnoring } from './nll-loss.js';

export interface CrossEntropyOptions {
  reduction?: Reduction;
  /** Mix the target with the uniform distribution: (1 − ε)·onehot + ε/classes. */
  labelSmoothing?: number;
  /** Examples with this label are left out (e.g. padding tokens). */
  ignoreIndex?: number;
}

/**
 * Softmax cross-entropy from raw logits [..., classes] (classes last), computed stably through
 * logSoftmax. Targets are int32 labels of shape [...], or class probabilities shaped like the logits.
 * @example crossEntropy(logits, labels) // logits [64, 10], labels int32 [64] → a scalar
 */
export function crossEntropy(logits: Tensor, targets: Tensor, { reduction = 'mean', labelSmoothing = 0, ignoreIndex }: CrossEntropyOptions = {}): Tensor {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new Error(`crossEntropy: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  const classes = logits.shape[logits.rank - 1];
  const logProbs = logits.logSoftmax(-1);
  if (targets.dtype === 'float32') {
    if (!shapesEqual(targets.shape, logits.shape))
      throw new Error(`crossEntropy: probability targets ${formatShape(targets.shape)} must have the logits' shape ${formatShape(logits.shape)}`);
    const smoothed = labelSmoothing > 0 ? targets.mul(1 - labelSmoothing).add(labelSmoothing / classes) : targets;
    return reduce(smoothed.mul(logProbs).sum(-1).neg(), reduction);
  }
  checkLabels('crossEntropy', logits, targets);
  const target = oneHot(targets, classes);
  const nll = target.mul(logProbs).sum(-1).neg();
  // Label smoothing adds ε times the mean negative log-probability over all classes.
  const losses = labelSmoothing > 0 ? nll.mul(1 - labelSmoothing).add(logProbs.mean(-1).neg().mul(labelSmoothing)) : nll;
  return reduceIgnoring(losses, targets, reduction, ignoreIndex);
}
