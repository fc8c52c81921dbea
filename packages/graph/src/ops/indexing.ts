import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange } from '../creation.js';
import { record } from './record.js';
import { cast, eq } from './elementwise.js';
import { unsqueeze } from './movement.js';
import type { VjpTable } from '../autograd/vjp.js';

/** Indexing: gather (take along an axis) and its adjoint scatterAdd. */

function checkIndices(op: string, indices: Tensor): void {
  if (indices.dtype !== 'int32')
    throw new Error(`${op}: indices must be int32, got ${indices.dtype} ${formatShape(indices.shape)}`);
}

/** Takes slices of `x` along `axis` at `indices`: shape x[:axis] + indices + x[axis+1:] (NumPy's take). */
export function gather(x: Tensor, indices: Tensor, axis = 0): Tensor {
  checkIndices('gather', indices);
  const a = normalizeAxis('gather', axis, x.shape);
  const shape = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  return record('gather', [x, indices], { axis: a }, shape, x.dtype);
}

/**
 * Sums `updates` into zeros whose `axis` has `size` entries, at `indices`: the adjoint of gather,
 * e.g. accumulating embedding gradients. updates: x[:axis] + indices.shape + x[axis+1:].
 */
export function scatterAdd(updates: Tensor, indices: Tensor, size: number, axis = 0): Tensor {
  checkIndices('scatterAdd', indices);
  if (!Number.isInteger(size) || size < 0) throw new Error(`scatterAdd: size must be a non-negative integer, got ${size}`);
  const a = normalizeAxis('scatterAdd', axis, updates.rank - indices.rank + 1);
  const matches = indices.shape.every((d, i) => updates.shape[a + i] === d);
  if (!matches)
    throw new Error(
      `scatterAdd: updates ${formatShape(updates.shape)} must hold indices ${formatShape(indices.shape)} at axis ${a}`,
    );
  const shape = [...updates.shape.slice(0, a), size, ...updates.shape.slice(a + indices.rank)];
  return record('scatterAdd', [updates, indices], { axis: a, size }, shape, updates.dtype);
}

/** One-hot float32 vectors of length `depth` for int32 `indices` (out-of-range indices give zeros). */
export function oneHot(indices: Tensor, depth: number): Tensor {
  checkIndices('oneHot', indices);
  return cast(eq(unsqueeze(indices, -1), arange(depth)), 'float32');
}

export const indexingVjps: Pick<VjpTable, 'gather' | 'scatterAdd'> = {
  gather: (g, { inputs: [x, indices], attrs }) => [scatterAdd(g, indices, x.shape[attrs.axis], attrs.axis), undefined],
  scatterAdd: (g, { inputs: [, indices], attrs }) => [gather(g, indices, attrs.axis), undefined],
};
