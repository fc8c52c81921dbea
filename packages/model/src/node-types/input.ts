import { batchDim } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';

/** A model input of a fixed per-example shape; the batch axis 'N' comes first. */
export const inputNode = defineNodeType({
  type: 'input',
  category: 'input',
  title: 'Input',
  description: 'A model input: [N, ...shape] of the chosen dtype. Use it instead of a dataset node for models fed by code.',
  inputs: [],
  outputs: [{ name: 'out', title: 'Tensor', dtype: 'any' }],
  params: [
    param.ints('shape', [1], 'Shape of one example, without the batch axis.', { min: 1 }),
    param.choice('dtype', ['float32', 'int32'], 'float32', 'Element type (int32 for token ids).'),
  ],
  inferShapes: (_, { shape, dtype }) => ({ out: { dtype, shape: [batchDim, ...shape] } }),
});
