import { sizeOf } from '@loom/graph';
import type { CpuKernel, CpuKernelTable, CpuArray } from '../cpu-kernel.js';

/** The index at `i`, or an error naming the op, the index and the axis size. */
function checkedIndex(
  op: string,
  indices: CpuArray,
  i: number,
  size: number,
  axis: number,
): number {
  const index = indices.data[i];
  if (index < 0 || index >= size) {
    throw new Error(`${op}: index ${index} is out of range for axis ${axis} of size ${size}`);
  }
  return index;
}

/**
 * out[o, j, i] = x[o, indices[j], i], seeing x as [outer, size, inner] and the output as
 * [outer, indices.size, inner]: each index copies one contiguous block of `inner` elements.
 */
const gather: CpuKernel<'gather'> = ([x, indices], out, { axis }) => {
  const size = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outer = sizeOf(x.shape.slice(0, axis));
  const count = indices.data.length;
  for (let j = 0; j < count; j++) checkedIndex('gather', indices, j, size, axis);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const from = (o * size + indices.data[j]) * inner;
      out.data.set(x.data.subarray(from, from + inner), (o * count + j) * inner);
    }
  }
};

/**
 * The adjoint of gather: out[o, indices[j], i] += updates[o, j, i], with updates seen as
 * [outer, indices.size, inner] and the output as [outer, size, inner]. Repeated indices add up
 * (in float64, rounded once).
 */
const scatterAdd: CpuKernel<'scatterAdd'> = ([updates, indices], out, { axis, size }) => {
  const count = indices.data.length;
  const outer = sizeOf(updates.shape.slice(0, axis));
  const inner = sizeOf(updates.shape.slice(axis + indices.shape.length));
  for (let j = 0; j < count; j++) checkedIndex('scatterAdd', indices, j, size, axis);
  const acc = new Float64Array(out.data.length);
  const u = updates.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const to = (o * size + indices.data[j]) * inner;
      const from = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) acc[to + i] += u[from + i];
    }
  }
  out.data.set(acc);
};

export const indexingKernels: Pick<CpuKernelTable, 'gather' | 'scatterAdd'> = {
  gather,
  scatterAdd,
};
