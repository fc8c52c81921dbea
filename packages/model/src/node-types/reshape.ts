import { dimProduct, formatType } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { paramError } from './shape-rules.js';
import { ShapeError } from './shape-error.js';

/** Reshapes each example, keeping the batch axis. */
export const reshapeNode = defineNodeType({
  type: 'reshape',
  category: 'op',
  title: 'Reshape',
  description: 'Gives each example a new shape with the same number of elements; the batch axis stays. One entry may be −1 (inferred).',
  inputs: [{ name: 'in', title: 'Input', dtype: 'any' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'any' }],
  params: [param.ints('shape', [-1], 'Shape of one example without the batch axis; one −1 is inferred.', { min: -1 })],
  inferShapes({ in: x }, { shape }) {
    if (shape.some((d) => d === 0)) throw paramError('shape', `shape [${shape.join(', ')}] has a zero entry`);
    const free = shape.filter((d) => d === -1).length;
    if (free > 1) throw paramError('shape', `shape [${shape.join(', ')}] has more than one −1`);
    const elements = dimProduct(x.shape.slice(1));
    const fixed = shape.filter((d) => d !== -1).reduce((n, d) => n * d, 1);
    if (typeof elements !== 'number') return { out: { dtype: x.dtype, shape: [x.shape[0], ...shape.map((d) => (d === -1 ? `${elements}/${fixed}` : d))] } };
    if (free ? elements % fixed !== 0 : elements !== fixed)
      throw new ShapeError(`input ${formatType(x)} has ${elements} elements per example, which cannot be reshaped to [${shape.join(', ')}]`, 'in');
    return { out: { dtype: x.dtype, shape: [x.shape[0], ...shape.map((d) => (d === -1 ? elements / fixed : d))] } };
  },
  build: ({ shape }) => ({ forward: ({ in: x }) => ({ out: x.reshape([x.shape[0], ...shape]) }) }),
  code: ({ shape }) => ({ imports: {}, call: (_, { in: x }) => `${x}.reshape([${x}.shape[0], ${shape.join(', ')}])` }),
});
