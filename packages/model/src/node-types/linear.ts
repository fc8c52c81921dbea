import { Linear } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim, float32 } from './shape-rules.js';

/** Linear (fully connected): y = x Wᵀ + b over the last axis. */
export const linearNode = defineNodeType({
  type: 'Linear',
  category: 'layer',
  title: 'Linear',
  description: 'Fully connected layer: y = x Wᵀ + b over the last axis (W is [outFeatures, inFeatures]).',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32', doc: '[..., inFeatures]' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', doc: '[..., outFeatures]' }],
  params: [
    param.int('inFeatures', 1, 'Size of the last axis of the input.', { min: 1 }),
    param.int('outFeatures', 1, 'Size of the last axis of the output.', { min: 1 }),
    param.bool('bias', true, 'Learn an additive bias.'),
  ],
  inferShapes({ in: x }, { inFeatures, outFeatures }) {
    expectDim('in', x, -1, inFeatures, 'features');
    return { out: float32([...x.shape.slice(0, -1), outFeatures]) };
  },
  build({ inFeatures, outFeatures, bias }, { seed }) {
    const module = new Linear(inFeatures, outFeatures, { bias, seed });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ inFeatures, outFeatures, bias }, { seed }) => ({
    imports: { nn: ['Linear'] },
    construct: `new Linear(${inFeatures}, ${outFeatures}, { bias: ${bias}, seed: ${seed} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});
