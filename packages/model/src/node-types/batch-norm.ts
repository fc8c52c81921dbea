import { BatchNorm1d, BatchNorm2d } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim } from './shape-rules.js';

const batchNormParams = [
  param.int('numFeatures', 1, 'Channels (axis 1) of the input.', { min: 1 }),
  param.float('eps', 1e-5, 'Added to the variance for stability.', { min: 0 }),
  param.float('momentum', 0.1, 'Weight of the new batch in the running statistics.', { min: 0, max: 1 }),
  param.bool('affine', true, 'Learn a per-channel scale and shift.'),
] as const;

/** Batch normalisation over [N, C] or [N, C, L] inputs. */
export const batchNorm1dNode = defineNodeType({
  type: 'BatchNorm1d',
  category: 'layer',
  title: 'BatchNorm1d',
  description: 'Normalises each channel over the batch (and length): [N, C] or [N, C, L].',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32', rank: [2, 3] }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [2, 3] }],
  params: batchNormParams,
  inferShapes({ in: x }, { numFeatures }) {
    expectDim('in', x, 1, numFeatures, 'features');
    return { out: x };
  },
  build({ numFeatures, eps, momentum, affine }) {
    const module = new BatchNorm1d(numFeatures, { eps, momentum, affine });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ numFeatures, eps, momentum, affine }) => ({
    imports: { nn: ['BatchNorm1d'] },
    construct: `new BatchNorm1d(${numFeatures}, { eps: ${eps}, momentum: ${momentum}, affine: ${affine} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});

/** Batch normalisation of NCHW images per channel. */
export const batchNorm2dNode = defineNodeType({
  type: 'BatchNorm2d',
  category: 'layer',
  title: 'BatchNorm2d',
  description: 'Normalises each channel of NCHW images over the batch and spatial axes.',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32', rank: [4] }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [4] }],
  params: batchNormParams,
  inferShapes({ in: x }, { numFeatures }) {
    expectDim('in', x, 1, numFeatures, 'channels');
    return { out: x };
  },
  build({ numFeatures, eps, momentum, affine }) {
    const module = new BatchNorm2d(numFeatures, { eps, momentum, affine });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ numFeatures, eps, momentum, affine }) => ({
    imports: { nn: ['BatchNorm2d'] },
    construct: `new BatchNorm2d(${numFeatures}, { eps: ${eps}, momentum: ${momentum}, affine: ${affine} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});
