import { sizeOf, stridesOf } from '@loom/graph';
import type { CpuArray, CpuKernel, CpuKernelTable } from '../cpu-kernel.js';
import { stridedOffsets } from './strided.js';

type Combine = (acc: number, x: number) => number;

/**
 * Reduces `axes` of `x` into `out` (whose shape keeps them as size 1). Every input element is
 * folded into the output element it maps to, through the output's strides with the reduced axes
 * zeroed. The accumulator is float64 so a float32 sum does not lose precision on long axes and an
 * int32 max can start at −∞.
 */
function reduce(
  x: CpuArray,
  out: CpuArray,
  axes: readonly number[],
  init: number,
  combine: Combine,
) {
  const strides = stridesOf(x.shape.map((d, axis) => (axes.includes(axis) ? 1 : d)));
  for (const axis of axes) strides[axis] = 0;
  const target = stridedOffsets(x.shape, strides);
  const acc = new Float64Array(out.data.length).fill(init);
  const data = x.data;
  for (let i = 0; i < data.length; i++) acc[target[i]] = combine(acc[target[i]], data[i]);
  out.data.set(acc);
}

/** NaN wins, as in NumPy and PyTorch: a diverged value should not hide behind a finite one. */
const maxNaN: Combine = (acc, x) => (x > acc || x !== x ? x : acc);

const sum: CpuKernel<'sum'> = ([x], out, { axes }) => reduce(x, out, axes, 0, (a, v) => a + v);
const max: CpuKernel<'max'> = ([x], out, { axes }) => reduce(x, out, axes, -Infinity, maxNaN);
const prod: CpuKernel<'prod'> = ([x], out, { axes }) => reduce(x, out, axes, 1, (a, v) => a * v);

/**
 * The index of the first maximum along `axis` (int32, the axis kept as size 1). Ties go to the
 * first index; a NaN counts as the maximum, matching `max`.
 */
const argmax: CpuKernel<'argmax'> = ([x], out, { axis }) => {
  const shape = x.shape;
  const size = shape[axis];
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const data = x.data;
  const y = out.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = -1;
      let bestValue = -Infinity;
      for (let k = 0; k < size; k++) {
        const v = data[base + k * inner];
        if (best < 0 || v > bestValue || (v !== v && bestValue === bestValue)) {
          best = k;
          bestValue = v;
        }
      }
      y[o * inner + i] = best;
    }
  }
};

export const reduceKernels: Pick<CpuKernelTable, 'sum' | 'max' | 'prod' | 'argmax'> = {
  sum,
  max,
  prod,
  argmax,
};
