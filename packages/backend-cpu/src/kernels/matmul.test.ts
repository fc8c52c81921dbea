import { describe, expect, it } from 'vitest';
import { cpuArray, noAttrs, randomIntegers, runKernel } from '../testing/arrays.js';

describe('matmul', () => {
  it('multiplies a 2×3 by a 3×2 (checked by hand)', () => {
    const a = cpuArray([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = cpuArray([7, 8, 9, 10, 11, 12], [3, 2]);
    // [1 2 3]·[7 9 11] = 58, ·[8 10 12] = 64; [4 5 6]·… = 139, 154
    expect(Array.from(runKernel('matmul', [a, b], [2, 2], noAttrs).data)).toEqual([
      58, 64, 139, 154,
    ]);
  });

  it('multiplies every batch of [2, 3, 4, 5] × [2, 3, 5, 2] independently', () => {
    const a = randomIntegers([2, 3, 4, 5], 1);
    const b = randomIntegers([2, 3, 5, 2], 2);
    const expected: number[] = [];
    for (let batch = 0; batch < 6; batch++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 2; j++) {
          let sum = 0;
          for (let p = 0; p < 5; p++)
            sum += a.data[batch * 20 + i * 5 + p] * b.data[batch * 10 + p * 2 + j];
          expected.push(sum);
        }
    expect(Array.from(runKernel('matmul', [a, b], [2, 3, 4, 2], noAttrs).data)).toEqual(expected);
  });

  it('handles a vector-shaped 1×K by K×1 product and int32 data', () => {
    const a = cpuArray([1, -2, 3], [1, 3], 'int32');
    const b = cpuArray([4, 5, 6], [3, 1], 'int32');
    expect(Array.from(runKernel('matmul', [a, b], [1, 1], noAttrs, 'int32').data)).toEqual([12]);
  });

  it('gives zeros when the inner dimension is empty', () => {
    const y = runKernel('matmul', [cpuArray([], [2, 0]), cpuArray([], [0, 3])], [2, 3], noAttrs);
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
