import { sizeOf } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { cpuArray, randomIntegers, runKernel } from '../testing/arrays.js';

/** Naive reduction of a [2, 3, 4] array over `axes`, by explicit index arithmetic. */
function naiveReduce(
  values: ArrayLike<number>,
  axes: number[],
  init: number,
  f: (a: number, b: number) => number,
) {
  const shape = [2, 3, 4];
  const outShape = shape.map((d, axis) => (axes.includes(axis) ? 1 : d));
  const out = new Array<number>(sizeOf(outShape)).fill(init);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 3; j++)
      for (let k = 0; k < 4; k++) {
        const [oi, oj, ok] = [i, j, k].map((v, axis) => (axes.includes(axis) ? 0 : v));
        const o = (oi * outShape[1] + oj) * outShape[2] + ok;
        out[o] = f(out[o], values[(i * 3 + j) * 4 + k]);
      }
  return { out, outShape };
}

describe('sum, max, prod', () => {
  const x = randomIntegers([2, 3, 4], 7);
  const axesCases = [[1], [0, 2], [0, 1, 2], [2]];

  it.each(axesCases)('sum over axes %j keeps them as size 1', (...axes) => {
    const { out, outShape } = naiveReduce(x.data, axes, 0, (a, b) => a + b);
    expect(Array.from(runKernel('sum', [x], outShape, { axes }).data)).toEqual(out);
  });

  it.each(axesCases)('max over axes %j', (...axes) => {
    const { out, outShape } = naiveReduce(x.data, axes, -Infinity, Math.max);
    expect(Array.from(runKernel('max', [x], outShape, { axes }).data)).toEqual(out);
  });

  it.each(axesCases)('prod over axes %j', (...axes) => {
    const { out, outShape } = naiveReduce(x.data, axes, 1, (a, b) => a * b);
    expect(Array.from(runKernel('prod', [x], outShape, { axes }).data)).toEqual(out);
  });

  it('max of all-negative values is negative, not the zero the output starts as', () => {
    const y = cpuArray([-5, -2, -9, -7], [2, 2], 'int32');
    expect(Array.from(runKernel('max', [y], [2, 1], { axes: [1] }, 'int32').data)).toEqual([
      -2, -7,
    ]);
  });

  it('max propagates NaN', () => {
    const y = cpuArray([1, NaN, 3, 2], [4]);
    expect(Array.from(runKernel('max', [y], [1], { axes: [0] }).data)).toEqual([NaN]);
  });

  it('an empty axes list copies the input', () => {
    expect(Array.from(runKernel('sum', [x], [2, 3, 4], { axes: [] }).data)).toEqual(
      Array.from(x.data),
    );
  });
});

describe('argmax', () => {
  it('gives the first index of the maximum on ties, as int32', () => {
    const x = cpuArray([3, 1, 3, 0, 2, 2, 5, 5], [2, 4]);
    const y = runKernel('argmax', [x], [2, 1], { axis: 1 }, 'int32');
    expect(y.data).toBeInstanceOf(Int32Array);
    expect(Array.from(y.data)).toEqual([0, 2]);
  });

  it('works along a leading axis with a trailing axis kept', () => {
    // x[i][j]: column 0 = [1, 4, 4], column 1 = [-3, -1, -2]
    const x = cpuArray([1, -3, 4, -1, 4, -2], [3, 2]);
    expect(Array.from(runKernel('argmax', [x], [1, 2], { axis: 0 }, 'int32').data)).toEqual([1, 1]);
  });

  it('picks the middle axis of a 3-D array', () => {
    const x = randomIntegers([2, 3, 4], 11);
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 4; k++) {
        let best = 0;
        for (let j = 1; j < 3; j++)
          if (x.data[(i * 3 + j) * 4 + k] > x.data[(i * 3 + best) * 4 + k]) best = j;
        expected.push(best);
      }
    expect(Array.from(runKernel('argmax', [x], [2, 1, 4], { axis: 1 }, 'int32').data)).toEqual(
      expected,
    );
  });
});
