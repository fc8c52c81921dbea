import { LayerNorm } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim } from './shape-rules.js';

/** Layer normalisation over the last axis. */
export const layerNormNode = defineNodeType({
  type: 'LayerNorm',
  category: 'layer',
  title: 'LayerNorm',
  description: 'Normalises each example over its last axis, then scales and shifts.',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32' }],
  params: [
    param.int('normalizedShape', 1, 'Size of the last axis.', { min: 1 }),
    param.float('eps', 1e-5, 'Added to the variance for stability.', { min: 0 }),
    param.bool('elementwiseAffine', true, 'Learn a scale and shift per feature.'),
  ],
  inferShapes({ in: x }, { normalizedShape }) {
    expectDim('in', x, -1, normalizedShape, 'features');
    return { out: x };
  },
  build({ normalizedShape, eps, elementwiseAffine }) {
    const module = new LayerNorm(normalizedShape, { eps, elementwiseAffine });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ normalizedShape, eps, elementwiseAffine }) => ({
    imports: { nn: ['LayerNorm'] },
    construct: `new LayerNorm(${normalizedShape}, { eps: ${eps}, elementwiseAffine: ${elementwiseAffine} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});
