import { sizeOf, stridesOf } from '@loom/graph';
import type { CpuArray, CpuKernel, CpuKernelTable } from '../cpu-kernel.js';
import { stridedOffsets } from './strided.js';

/** Fills `out` in row-major order from `x` read through `offsets`. */
function gatherOffsets(x: CpuArray, out: CpuArray, offsets: Int32Array) {
  const a = x.data;
  const y = out.data;
  for (let i = 0; i < y.length; i++) y[i] = a[offsets[i]];
}

/** Row-major data does not change under a reshape; the output is a fresh copy of it. */
const reshape: CpuKernel<'reshape'> = ([x], out) => out.data.set(x.data);

/** Output axis i is input axis perm[i]: walk the output reading the input with permuted strides. */
const permute: CpuKernel<'permute'> = ([x], out, { perm }) => {
  const strides = stridesOf(x.shape);
  gatherOffsets(
    x,
    out,
    stridedOffsets(
      out.shape,
      perm.map((axis) => strides[axis]),
    ),
  );
};

/** A size-1 axis that grows is read with stride 0, so its one element repeats. */
const expand: CpuKernel<'expand'> = ([x], out) => {
  const strides = stridesOf(x.shape).map((s, axis) => (x.shape[axis] === 1 ? 0 : s));
  gatherOffsets(x, out, stridedOffsets(out.shape, strides));
};

const slice: CpuKernel<'slice'> = ([x], out, { begin }) => {
  const strides = stridesOf(x.shape);
  const base = begin.reduce((sum, b, axis) => sum + b * strides[axis], 0);
  gatherOffsets(x, out, stridedOffsets(out.shape, strides, base));
};

/** Fills with `value`, then scatters the input into the interior. */
const pad: CpuKernel<'pad'> = ([x], out, { pads, value }) => {
  out.data.fill(value);
  const strides = stridesOf(out.shape);
  const base = pads.reduce((sum, [before], axis) => sum + before * strides[axis], 0);
  const target = stridedOffsets(x.shape, strides, base);
  const a = x.data;
  const y = out.data;
  for (let i = 0; i < a.length; i++) y[target[i]] = a[i];
};

/**
 * Seen as [outer, axis, inner], the output is each input's [axis · inner] block laid side by side,
 * once per outer index.
 */
const concat: CpuKernel<'concat'> = (inputs, out, { axis }) => {
  const outer = sizeOf(out.shape.slice(0, axis));
  const rowLength = sizeOf(out.shape.slice(axis));
  let column = 0;
  for (const x of inputs) {
    const block = sizeOf(x.shape.slice(axis));
    for (let o = 0; o < outer; o++) {
      out.data.set(x.data.subarray(o * block, (o + 1) * block), o * rowLength + column);
    }
    column += block;
  }
};

export const movementKernels: Pick<
  CpuKernelTable,
  'reshape' | 'permute' | 'expand' | 'slice' | 'pad' | 'concat'
> = { reshape, permute, expand, slice, pad, concat };
