import type { Tensor } from '@loom/graph';

/** How per-element losses become the result: their mean (default), their sum, or left as they are. */
export type Reduction = 'mean' | 'sum' | 'none';

export function reduce(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses;
  return reduction === 'sum' ? losses.sum() : losses.mean();
}
