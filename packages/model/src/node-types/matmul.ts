import { formatType } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { broadcastDims, expectSameDtype } from './shape-rules.js';
import { ShapeError } from './shape-error.js';

/** Matrix product over the last two axes, with broadcast batch axes. */
export const matmulNode = defineNodeType({
  type: 'matmul',
  category: 'op',
  title: 'MatMul',
  description: 'a @ b over the last two axes ([..., m, k] @ [..., k, n] → [..., m, n]); leading axes broadcast.',
  inputs: [
    { name: 'a', title: 'A', dtype: 'float32', rank: [2, 3, 4] },
    { name: 'b', title: 'B', dtype: 'float32', rank: [2, 3, 4] },
  ],
  outputs: [{ name: 'out', title: 'Product', dtype: 'float32' }],
  params: [],
  inferShapes({ a, b }) {
    expectSameDtype(a, b, ['a', 'b']);
    const [m, k] = a.shape.slice(-2);
    const [k2, n] = b.shape.slice(-2);
    if (typeof k === 'number' && typeof k2 === 'number' && k !== k2)
      throw new ShapeError(`inner dimensions differ: a ${formatType(a)} @ b ${formatType(b)} (${k} ≠ ${k2})`, 'b');
    const batch = broadcastDims({ ...a, shape: a.shape.slice(0, -2) }, { ...b, shape: b.shape.slice(0, -2) }, ['a', 'b']);
    return { out: { dtype: a.dtype, shape: [...batch, m, n] } };
  },
  build: () => ({ forward: ({ a, b }) => ({ out: a.matmul(b) }) }),
  code: () => ({ imports: {}, call: (_, { a, b }) => `${a}.matmul(${b})` }),
});
