import { Flatten } from '@loom/nn';
import { dimProduct } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { paramError } from './shape-rules.js';

/** Merges a range of axes into one (by default all but the batch axis). */
export const flattenNode = defineNodeType({
  type: 'Flatten',
  category: 'layer',
  title: 'Flatten',
  description: 'Merges axes startDim..endDim into one; by default everything but the batch axis.',
  inputs: [{ name: 'in', title: 'Input', dtype: 'any' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'any' }],
  params: [
    param.int('startDim', 1, 'First axis to merge (0 is the batch axis).', { min: -8, max: 8 }),
    param.int('endDim', -1, 'Last axis to merge; negative counts from the end.', { min: -8, max: 8 }),
  ],
  inferShapes({ in: x }, { startDim, endDim }) {
    const rank = x.shape.length;
    const start = startDim < 0 ? rank + startDim : startDim;
    const end = endDim < 0 ? rank + endDim : endDim;
    if (start < 0 || start >= Math.max(rank, 1)) throw paramError('startDim', `startDim ${startDim} is outside an input of rank ${rank}`);
    if (end < start || end >= Math.max(rank, 1)) throw paramError('endDim', `endDim ${endDim} is outside axes ${start}..${rank - 1}`);
    return { out: { dtype: x.dtype, shape: [...x.shape.slice(0, start), dimProduct(x.shape.slice(start, end + 1)), ...x.shape.slice(end + 1)] } };
  },
  build({ startDim, endDim }) {
    const module = new Flatten(startDim, endDim);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ startDim, endDim }) => ({
    imports: { nn: ['Flatten'] },
    construct: `new Flatten(${startDim}, ${endDim})`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});
