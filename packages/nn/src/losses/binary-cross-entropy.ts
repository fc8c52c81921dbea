import { formatShape, shapesEqual, type Tensor } from '@loom/graph';
import { reduce, type Reduction } from './reduction.js';

export interface BinaryCrossEntropyOptions {
  reduction?: Reduction;
  /** Weight of the positive term, to balance rare positives. */
  posWeight?: number;
}

/**
 * −[y·log σ(x) + (1 − y)·log(1 − σ(x))] from logits x, computed stably as
 * (1 − y)·x + (1 + (w − 1)·y)·softplus(−x). Targets are float probabilities shaped like the logits.
 */
export function binaryCrossEntropyWithLogits(
  logits: Tensor,
  targets: Tensor,
  { reduction = 'mean', posWeight = 1 }: BinaryCrossEntropyOptions = {},
): Tensor {
  if (!shapesEqual(logits.shape, targets.shape) || targets.dtype !== 'float32')
    throw new Error(`binaryCrossEntropyWithLogits: targets must be float32 of the logits' shape ${formatShape(logits.shape)}, got ${targets.dtype} ${formatShape(targets.shape)}`);
  const logWeight = targets.mul(posWeight - 1).add(1);
  const losses = targets.neg().add(1).mul(logits).add(logWeight.mul(logits.neg().softplus()));
  return reduce(losses, reduction);
}
