import { formatShape, shapesEqual, type Tensor } from '@loom/graph';
import { reduce, type Reduction } from './reduction.js';

/**
 * Mean squared error between predictions and targets of the same shape.
 * @example mse(tensor([1, 2]), tensor([1, 4])) // 2
 */
export function mse(prediction: Tensor, target: Tensor, { reduction = 'mean' }: { reduction?: Reduction } = {}): Tensor {
  if (!shapesEqual(prediction.shape, target.shape))
    throw new Error(`mse: prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape`);
  return reduce(prediction.sub(target).square(), reduction);
}
