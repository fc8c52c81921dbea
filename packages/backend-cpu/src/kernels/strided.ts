import { sizeOf } from '@loom/graph';

/**
 * The flat offset, into some array laid out with `strides`, of every position of `shape` in
 * row-major order. Movement ops and reductions become one tight loop over this table: a permute,
 * slice or expand is a gather through it, a reduction a scatter-accumulate through it.
 */
export function stridedOffsets(
  shape: readonly number[],
  strides: readonly number[],
  base = 0,
): Int32Array {
  const count = sizeOf(shape);
  const offsets = new Int32Array(count);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let offset = base;
  for (let i = 0; i < count; i++) {
    offsets[i] = offset;
    // Odometer step: bump the last axis, carrying into earlier ones.
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++;
      offset += strides[axis];
      if (index[axis] < shape[axis]) break;
      offset -= strides[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return offsets;
}
