import { Dropout } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';

/** Zeroes each element with probability p in training (and rescales the rest); identity in evaluation. */
export const dropoutNode = defineNodeType({
  type: 'Dropout',
  category: 'layer',
  title: 'Dropout',
  description: 'Zeroes each element with probability p while training and scales the rest by 1/(1−p).',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32' }],
  params: [param.float('p', 0.5, 'Probability of dropping an element.', { min: 0, max: 0.99 })],
  inferShapes: ({ in: x }) => ({ out: x }),
  build({ p }) {
    const module = new Dropout(p);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ p }) => ({ imports: { nn: ['Dropout'] }, construct: `new Dropout(${p})`, call: (self, { in: x }) => `${self}.forward(${x})` }),
});
