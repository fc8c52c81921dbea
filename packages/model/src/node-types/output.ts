import { defineNodeType } from './node-type.js';

/** Marks the model's output when there is no loss node (a model used for inference only). */
export const outputNode = defineNodeType({
  type: 'output',
  category: 'output',
  title: 'Output',
  description: 'The tensor the model returns. A loss node’s prediction input marks the output too.',
  inputs: [{ name: 'in', title: 'Tensor', dtype: 'any' }],
  outputs: [],
  params: [],
  inferShapes: () => ({}),
});
