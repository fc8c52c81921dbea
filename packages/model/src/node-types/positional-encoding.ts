import { PositionalEncoding } from '@loom/nn';
import { formatType } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim } from './shape-rules.js';
import { ShapeError } from './shape-error.js';

/** Adds the sinusoidal position code of "Attention Is All You Need". */
export const positionalEncodingNode = defineNodeType({
  type: 'PositionalEncoding',
  category: 'layer',
  title: 'PositionalEncoding',
  description: 'Adds sin/cos position codes to a sequence of dModel-wide vectors (then dropout in training).',
  inputs: [{ name: 'in', title: 'Sequence', dtype: 'float32', rank: [3] }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [3] }],
  params: [
    param.int('dModel', 8, 'Features per position.', { min: 1 }),
    param.int('maxLen', 512, 'Longest sequence the code table covers.', { min: 1 }),
    param.float('dropout', 0.1, 'Dropout on the sum, in training.', { min: 0, max: 0.99 }),
    param.bool('batchFirst', true, 'Sequences are [N, T, dModel] (the document default).'),
  ],
  inferShapes({ in: x }, { dModel, maxLen, batchFirst }) {
    expectDim('in', x, 2, dModel, 'features');
    const length = x.shape[batchFirst ? 1 : 0];
    if (typeof length === 'number' && length > maxLen)
      throw new ShapeError(`input ${formatType(x)} has ${length} positions, more than maxLen ${maxLen}`, 'in');
    return { out: x };
  },
  build({ dModel, maxLen, dropout, batchFirst }) {
    const module = new PositionalEncoding(dModel, { maxLen, dropout, batchFirst });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ dModel, maxLen, dropout, batchFirst }) => ({
    imports: { nn: ['PositionalEncoding'] },
    construct: `new PositionalEncoding(${dModel}, { maxLen: ${maxLen}, dropout: ${dropout}, batchFirst: ${batchFirst} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});
