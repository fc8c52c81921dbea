import type { DType } from '../dtype.js';
import { isGradEnabled } from '../core/grad-mode.js';
import { Tensor } from '../tensor.js';
import type { PrimitiveAttrs, PrimitiveOp } from './primitive-op.js';

/**
 * Appends one primitive op to the graph and returns its (unrealized) result. Callers have already
 * checked shapes and dtypes, so what reaches here is always valid.
 */
export function record<Op extends PrimitiveOp>(
  op: Op,
  inputs: readonly Tensor[],
  attrs: PrimitiveAttrs[Op],
  shape: readonly number[],
  dtype: DType,
): Tensor {
  const requiresGrad = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  return new Tensor({ op, attrs, inputs, shape, dtype, requiresGrad });
}
