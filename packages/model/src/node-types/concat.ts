import { concat } from '@loom/graph';
import { dimsCompatible, formatType, type Dim } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectSameDtype, paramError } from './shape-rules.js';
import { ShapeError } from './shape-error.js';

const parts = ['a', 'b', 'c', 'd'] as const;

/** Joins two to four tensors along one axis. */
export const concatNode = defineNodeType({
  type: 'concat',
  category: 'op',
  title: 'Concat',
  description: 'Joins tensors along one axis; the other axes must match. Inputs c and d are optional.',
  inputs: [
    { name: 'a', title: 'A', dtype: 'any' },
    { name: 'b', title: 'B', dtype: 'any' },
    { name: 'c', title: 'C', dtype: 'any', optional: true },
    { name: 'd', title: 'D', dtype: 'any', optional: true },
  ],
  outputs: [{ name: 'out', title: 'Joined', dtype: 'any' }],
  params: [param.int('axis', -1, 'The axis to join along (0 is the batch axis; negative counts from the end).', { min: -8, max: 8 })],
  inferShapes(inputs, { axis }) {
    const present = parts.filter((p) => inputs[p]);
    const first = inputs.a;
    const rank = first.shape.length;
    const at = axis < 0 ? rank + axis : axis;
    if (at < 0 || at >= rank) throw paramError('axis', `axis ${axis} is outside inputs of rank ${rank}`);
    const joined: Dim[] = [];
    for (const port of present) {
      const t = inputs[port];
      expectSameDtype(first, t, ['a', port]);
      if (t.shape.length !== rank || t.shape.some((d, i) => i !== at && !dimsCompatible(d, first.shape[i])))
        throw new ShapeError(`${port} ${formatType(t)} does not match a ${formatType(first)} except on axis ${at}`, port);
      joined.push(t.shape[at]);
    }
    const size: Dim = joined.every((d) => typeof d === 'number') ? joined.reduce<number>((n, d) => n + (d as number), 0) : joined.join('+');
    return { out: { dtype: first.dtype, shape: first.shape.map((d, i) => (i === at ? size : d)) } };
  },
  build: ({ axis }) => ({ forward: (inputs) => ({ out: concat(parts.filter((p) => inputs[p]).map((p) => inputs[p]), axis) }) }),
  code: ({ axis }) => ({
    imports: { graph: ['concat'] },
    call: (_, inputs) => `concat([${parts.filter((p) => inputs[p]).map((p) => inputs[p]).join(', ')}], ${axis})`,
  }),
});
