import { describe, expect, it } from 'vitest';
import { cpuArray, runKernel } from '../testing/arrays.js';

const iota = (n: number, start = 0) => Array.from({ length: n }, (_, i) => start + i);
/** x[i][j][k] = 100i + 10j + k, so every element names its own position. */
const x234 = cpuArray(
  iota(24).map((f) => 100 * Math.floor(f / 12) + 10 * (Math.floor(f / 4) % 3) + (f % 4)),
  [2, 3, 4],
);

describe('reshape', () => {
  it('copies the data unchanged into the new shape', () => {
    const y = runKernel('reshape', [x234], [4, 6], { shape: [4, 6] });
    expect(Array.from(y.data)).toEqual(Array.from(x234.data));
    expect(y.data).not.toBe(x234.data);
  });
});

describe('permute', () => {
  it('moves axes of a 2×3×4: output [k][i][j] = x[i][j][k] for perm [2, 0, 1]', () => {
    const y = runKernel('permute', [x234], [4, 2, 3], { perm: [2, 0, 1] });
    const expected: number[] = [];
    for (let k = 0; k < 4; k++)
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expected.push(100 * i + 10 * j + k);
    expect(Array.from(y.data)).toEqual(expected);
  });

  it('transposes the last two axes with perm [0, 2, 1]', () => {
    const y = runKernel('permute', [x234], [2, 4, 3], { perm: [0, 2, 1] });
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) expected.push(100 * i + 10 * j + k);
    expect(Array.from(y.data)).toEqual(expected);
  });
});

describe('expand', () => {
  it('repeats a size-1 trailing axis', () => {
    const y = runKernel('expand', [cpuArray([1, 2, 3], [3, 1])], [3, 2], { shape: [3, 2] });
    expect(Array.from(y.data)).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('repeats size-1 leading and middle axes together', () => {
    const y = runKernel('expand', [cpuArray([1, 2], [1, 1, 2])], [2, 3, 2], { shape: [2, 3, 2] });
    expect(Array.from(y.data)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });
});

describe('slice', () => {
  it('takes [begin, end) on every axis', () => {
    const y = runKernel('slice', [x234], [1, 2, 2], { begin: [1, 1, 1], end: [2, 3, 3] });
    expect(Array.from(y.data)).toEqual([111, 112, 121, 122]);
  });
});

describe('pad', () => {
  it('surrounds the input with `value`, asymmetrically', () => {
    const x = cpuArray([1, 2, 3, 4], [2, 2]);
    const y = runKernel('pad', [x], [3, 5], {
      pads: [
        [1, 0],
        [0, 3],
      ],
      value: -1,
    });
    expect(Array.from(y.data)).toEqual([-1, -1, -1, -1, -1, 1, 2, -1, -1, -1, 3, 4, -1, -1, -1]);
  });

  it('with zero pads is a copy', () => {
    const y = runKernel('pad', [x234], [2, 3, 4], {
      pads: [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      value: 9,
    });
    expect(Array.from(y.data)).toEqual(Array.from(x234.data));
  });
});

describe('concat', () => {
  it('joins three inputs of different sizes along a middle axis', () => {
    const a = cpuArray([1, 2, 3, 4], [2, 1, 2]);
    const b = cpuArray([5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 2]);
    const c = cpuArray([13, 14, 15, 16], [2, 1, 2]);
    const y = runKernel('concat', [a, b, c], [2, 4, 2], { axis: 1 });
    expect(Array.from(y.data)).toEqual([1, 2, 5, 6, 7, 8, 13, 14, 3, 4, 9, 10, 11, 12, 15, 16]);
  });

  it('joins along the first axis by stacking the blocks', () => {
    const y = runKernel(
      'concat',
      [cpuArray([1, 2], [1, 2]), cpuArray([3, 4, 5, 6], [2, 2])],
      [3, 2],
      { axis: 0 },
    );
    expect(Array.from(y.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('joins along the last axis', () => {
    const y = runKernel(
      'concat',
      [cpuArray([1, 2], [2, 1]), cpuArray([3, 4, 5, 6], [2, 2])],
      [2, 3],
      { axis: 1 },
    );
    expect(Array.from(y.data)).toEqual([1, 3, 4, 2, 5, 6]);
  });

  it('of a single input is a copy', () => {
    expect(Array.from(runKernel('concat', [x234], [2, 3, 4], { axis: 2 }).data)).toEqual(
      Array.from(x234.data),
    );
  });
});

it('movement kernels keep int32 and bool data exact', () => {
  const x = cpuArray([2147483647, -2147483648], [2, 1], 'int32');
  expect(Array.from(runKernel('expand', [x], [2, 2], { shape: [2, 2] }, 'int32').data)).toEqual([
    2147483647, 2147483647, -2147483648, -2147483648,
  ]);
});
