import type { PrimitiveAttrs, PrimitiveOp } from '../ops/primitive-op.js';
import type { Tensor } from '../tensor.js';

export interface VjpContext<Op extends PrimitiveOp> {
  inputs: readonly Tensor[];
  output: Tensor;
  attrs: PrimitiveAttrs[Op];
}

/**
 * A vector-Jacobian product: given the gradient `g` of the output, the gradient of each input
 * (undefined where an input is not differentiable). Each op family defines its VJPs beside its ops.
 */
export type Vjp<Op extends PrimitiveOp> = (g: Tensor, context: VjpContext<Op>) => readonly (Tensor | undefined)[];

export type VjpTable = { [Op in PrimitiveOp]: Vjp<Op> };
