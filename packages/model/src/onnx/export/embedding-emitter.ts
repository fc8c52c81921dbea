import { inputOf, type Emitter } from './emit-context.js';
import { floatData } from './host-arrays.js';

/**
 * Embedding → Gather(weight, indices) on axis 0. Loom zeroes the output at the padding index; a
 * zero row in the exported table gives the same values, so the padding row is written as zeros.
 */
export const embeddingEmitter: Emitter = (ctx) => {
  const { value } = inputOf(ctx);
  const weight = ctx.weight('weight');
  const table = floatData(weight).slice();
  const padding = ctx.params.paddingIdx;
  if (typeof padding === 'number') {
    const dim = weight.shape[1];
    table.fill(0, padding * dim, (padding + 1) * dim);
  }
  return { out: ctx.g.op('Gather', [ctx.g.floats('weight', table, weight.shape), value], { axis: 0 }) };
};
