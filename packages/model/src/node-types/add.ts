import { defineNodeType } from './node-type.js';
import { broadcastDims, expectSameDtype } from './shape-rules.js';

/** Elementwise sum with broadcasting (residual connections). */
export const addNode = defineNodeType({
  type: 'add',
  category: 'op',
  title: 'Add',
  description: 'a + b elementwise, broadcasting as NumPy does (residual connections).',
  inputs: [
    { name: 'a', title: 'A', dtype: 'any' },
    { name: 'b', title: 'B', dtype: 'any' },
  ],
  outputs: [{ name: 'out', title: 'Sum', dtype: 'any' }],
  params: [],
  inferShapes({ a, b }) {
    expectSameDtype(a, b, ['a', 'b']);
    return { out: { dtype: a.dtype, shape: broadcastDims(a, b, ['a', 'b']) } };
  },
  build: () => ({ forward: ({ a, b }) => ({ out: a.add(b) }) }),
  code: () => ({ imports: {}, call: (_, { a, b }) => `${a}.add(${b})` }),
});
