import { describe, expect, it } from 'vitest';
import { cpuArray, dot, randomIndices, randomIntegers, runKernel } from '../testing/arrays.js';

describe('gather', () => {
  const x = cpuArray([10, 11, 12, 20, 21, 22], [2, 3]);

  it('picks rows along axis 0, repeating as the indices say', () => {
    const y = runKernel('gather', [x, cpuArray([1, 1, 0], [3], 'int32')], [3, 3], { axis: 0 });
    expect(Array.from(y.data)).toEqual([20, 21, 22, 20, 21, 22, 10, 11, 12]);
  });

  it('with 2-D indices along axis 1 gives x.shape[:1] + indices.shape', () => {
    const indices = cpuArray([2, 0, 1, 2], [2, 2], 'int32');
    const y = runKernel('gather', [x, indices], [2, 2, 2], { axis: 1 });
    expect(Array.from(y.data)).toEqual([12, 10, 11, 12, 22, 20, 21, 22]);
  });

  it('throws naming the op, the bad index and the axis size', () => {
    const bad = cpuArray([0, 7], [2], 'int32');
    expect(() => runKernel('gather', [x, bad], [2, 3], { axis: 0 })).toThrow(
      'gather: index 7 is out of range for axis 0 of size 2',
    );
  });

  it('rejects negative indices', () => {
    expect(() =>
      runKernel('gather', [x, cpuArray([-1], [1], 'int32')], [2, 1], { axis: 1 }),
    ).toThrow('gather: index -1 is out of range for axis 1 of size 3');
  });
});

describe('scatterAdd', () => {
  it('sums updates that share an index', () => {
    const updates = cpuArray([1, 2, 3, 4], [4]);
    const y = runKernel('scatterAdd', [updates, cpuArray([2, 0, 2, 2], [4], 'int32')], [3], {
      axis: 0,
      size: 3,
    });
    expect(Array.from(y.data)).toEqual([2, 0, 8]);
  });

  it('throws on an index outside [0, size)', () => {
    expect(() =>
      runKernel('scatterAdd', [cpuArray([1], [1]), cpuArray([3], [1], 'int32')], [3], {
        axis: 0,
        size: 3,
      }),
    ).toThrow('scatterAdd: index 3 is out of range for axis 0 of size 3');
  });

  it.each([
    ['axis 0, 1-D indices', [5, 3], 0, [4]],
    ['axis 1, 2-D indices', [2, 4, 3], 1, [3, 2]],
    ['last axis', [3, 4], 1, [6]],
  ] as const)(
    'is the adjoint of gather: <gather(x, i), u> = <x, scatterAdd(u, i)> (%s)',
    (_, xShape, axis, indexShape) => {
      const size = xShape[axis];
      const indices = randomIndices(indexShape, size, 51);
      const outShape = [...xShape.slice(0, axis), ...indexShape, ...xShape.slice(axis + 1)];
      const x = randomIntegers(xShape, 52);
      const u = randomIntegers(outShape, 53);
      const forward = dot(runKernel('gather', [x, indices], outShape, { axis }), u);
      const back = runKernel('scatterAdd', [u, indices], xShape, { axis, size });
      expect(forward).not.toBe(0);
      expect(dot(x, back)).toBe(forward);
    },
  );
});
