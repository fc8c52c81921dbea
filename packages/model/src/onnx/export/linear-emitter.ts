import type { GraphBuilder, HostTensor } from '../graph-builder.js';
import { inputOf, optionalWeight, type Emitter } from './emit-context.js';
import { floatData, transpose2d } from './host-arrays.js';

/**
 * y = x Wᵀ + b for W [out, in] over the last axis: one Gemm (transB) for a matrix input, MatMul by
 * the stored transpose then Add for higher ranks. Returns the output value name.
 */
export function emitLinear(g: GraphBuilder, x: string, rank: number, weight: HostTensor, bias: HostTensor | undefined, hint = 'linear'): string {
  const [outFeatures, inFeatures] = weight.shape;
  if (rank === 2) {
    const w = g.floats(`${hint}.weight`, floatData(weight), weight.shape);
    const inputs = bias ? [x, w, g.floats(`${hint}.bias`, floatData(bias), bias.shape)] : [x, w];
    return g.op('Gemm', inputs, { transB: 1 });
  }
  const wt = g.floats(`${hint}.weightT`, transpose2d(floatData(weight), outFeatures, inFeatures), [inFeatures, outFeatures]);
  const product = g.op('MatMul', [x, wt]);
  return bias ? g.op('Add', [product, g.floats(`${hint}.bias`, floatData(bias), bias.shape)]) : product;
}

/** Linear → Gemm, or MatMul + Add. */
export const linearEmitter: Emitter = (ctx) => {
  const { value, shape } = inputOf(ctx);
  return { out: emitLinear(ctx.g, value, shape.length, ctx.weight('weight'), optionalWeight(ctx, 'bias')) };
};
