import { formatShape, oneHot, shapesEqual, type Tensor } from '@loom/graph';
import { reduce, type Reduction } from './reduction.js';

export interface NllLossOptions {
  reduction?: Reduction;
  /** Examples whose label is this index contribute nothing, and are left out of the mean. */
  ignoreIndex?: number;
}

/** Checks that int32 labels index the last axis of [..., classes] scores. */
export function checkLabels(op: string, scores: Tensor, labels: Tensor): void {
  if (labels.dtype !== 'int32' || !shapesEqual(labels.shape, scores.shape.slice(0, -1)))
    throw new Error(
      `${op}: labels must be int32 of shape ${formatShape(scores.shape.slice(0, -1))} for scores ${formatShape(scores.shape)}, got ${labels.dtype} ${formatShape(labels.shape)}`,
    );
}

/**
 * −log p[label], averaged: the negative log-likelihood of int32 labels under log-probabilities
 * [..., classes] (classes on the last axis).
 */
export function nllLoss(logProbs: Tensor, labels: Tensor, { reduction = 'mean', ignoreIndex }: NllLossOptions = {}): Tensor {
  checkLabels('nllLoss', logProbs, labels);
  // One-hot rows of an out-of-range label (ignoreIndex = −100, say) are zero: nothing is picked.
  const picked = oneHot(labels, logProbs.shape[logProbs.rank - 1]).mul(logProbs).sum(-1).neg();
  return reduceIgnoring(picked, labels, reduction, ignoreIndex);
}

/** The mean over examples that are not ignored (PyTorch's rule), or the plain reduction. */
export function reduceIgnoring(losses: Tensor, labels: Tensor, reduction: Reduction, ignoreIndex: number | undefined): Tensor {
  if (ignoreIndex === undefined || reduction !== 'mean') {
    const masked = ignoreIndex === undefined ? losses : losses.mul(labels.ne(ignoreIndex).cast('float32'));
    return reduce(masked, reduction);
  }
  const kept = labels.ne(ignoreIndex).cast('float32');
  return losses.mul(kept).sum().div(kept.sum().maximum(1));
}
