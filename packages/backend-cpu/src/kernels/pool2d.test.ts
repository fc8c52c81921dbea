import type { AvgPool2dAttrs, Pool2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { cpuArray, dot, randomIntegers, runKernel } from '../testing/arrays.js';

const pool = (
  kernelSize: [number, number],
  stride: [number, number],
  padding: [number, number, number, number],
): Pool2dAttrs => ({
  kernelSize,
  stride,
  padding,
});

/** A 4×4 image holding 1..16 row by row. */
const x16 = cpuArray(
  Array.from({ length: 16 }, (_, i) => i + 1),
  [1, 1, 4, 4],
);

describe('maxPool2d', () => {
  it('takes the maximum of each 2×2 window at stride 2 (checked by hand)', () => {
    const y = runKernel('maxPool2d', [x16], [1, 1, 2, 2], pool([2, 2], [2, 2], [0, 0, 0, 0]));
    expect(Array.from(y.data)).toEqual([6, 8, 14, 16]);
  });

  it('never lets a padded position win, even over negative values', () => {
    const x = cpuArray([-5, -6, -7, -8], [1, 1, 2, 2]);
    // padding 1 all round, 2×2 windows at stride 2: each window holds one real pixel.
    const y = runKernel('maxPool2d', [x], [1, 1, 2, 2], pool([2, 2], [2, 2], [1, 1, 1, 1]));
    expect(Array.from(y.data)).toEqual([-5, -6, -7, -8]);
  });

  it('pools every channel and image separately, with asymmetric padding', () => {
    const x = randomIntegers([2, 3, 5, 4], 21);
    const attrs = pool([3, 2], [2, 1], [1, 0, 0, 1]);
    const [outH, outW] = [Math.floor((5 + 1 - 3) / 2) + 1, Math.floor((4 + 1 - 2) / 1) + 1];
    const expected: number[] = [];
    for (let plane = 0; plane < 6; plane++)
      for (let oh = 0; oh < outH; oh++)
        for (let ow = 0; ow < outW; ow++) {
          let best = -Infinity;
          for (let kh = 0; kh < 3; kh++)
            for (let kw = 0; kw < 2; kw++) {
              const [ih, iw] = [oh * 2 - 1 + kh, ow + kw];
              if (ih >= 0 && ih < 5 && iw >= 0 && iw < 4)
                best = Math.max(best, x.data[plane * 20 + ih * 4 + iw]);
            }
          expected.push(best);
        }
    expect(Array.from(runKernel('maxPool2d', [x], [2, 3, outH, outW], attrs).data)).toEqual(
      expected,
    );
  });
});

describe('maxPool2dGrad', () => {
  it('sends each window’s gradient to the first maximum in row-major order', () => {
    // One 2×2 window of [[3, 7], [7, 1]]: the maxima tie at (0,1) and (1,0); (0,1) comes first.
    const x = cpuArray([3, 7, 7, 1], [1, 1, 2, 2]);
    const dx = runKernel(
      'maxPool2dGrad',
      [x, cpuArray([5], [1, 1, 1, 1])],
      [1, 1, 2, 2],
      pool([2, 2], [1, 1], [0, 0, 0, 0]),
    );
    expect(Array.from(dx.data)).toEqual([0, 5, 0, 0]);
  });

  it('adds the gradients of overlapping windows that share a maximum', () => {
    // 3×3 windows at stride 1 over 4×4 1..16: every window's maximum is its bottom-right pixel.
    const dy = cpuArray([1, 2, 3, 4], [1, 1, 2, 2]);
    const dx = runKernel(
      'maxPool2dGrad',
      [x16, dy],
      [1, 1, 4, 4],
      pool([3, 3], [1, 1], [0, 0, 0, 0]),
    );
    expect(Array.from(dx.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4]);
  });

  it.each([
    ['overlapping 3×3 windows with padding', [2, 2, 6, 5], pool([3, 3], [1, 2], [1, 1, 2, 0])],
    ['2×2 windows at stride 2', [1, 3, 4, 6], pool([2, 2], [2, 2], [0, 0, 0, 0])],
  ] as const)(
    'is the adjoint of the pool at fixed x: <maxPool2d(x), dy> = <x, dx> (%s)',
    (_, shape, attrs) => {
      const x = randomIntegers(shape, 31);
      const outH =
        Math.floor(
          (shape[2] + attrs.padding[0] + attrs.padding[1] - attrs.kernelSize[0]) / attrs.stride[0],
        ) + 1;
      const outW =
        Math.floor(
          (shape[3] + attrs.padding[2] + attrs.padding[3] - attrs.kernelSize[1]) / attrs.stride[1],
        ) + 1;
      const yShape = [shape[0], shape[1], outH, outW];
      const dy = randomIntegers(yShape, 32);
      const forward = dot(runKernel('maxPool2d', [x], yShape, attrs), dy);
      expect(forward).not.toBe(0);
      expect(dot(x, runKernel('maxPool2dGrad', [x, dy], shape, attrs))).toBe(forward);
    },
  );
});

describe('avgPool2d', () => {
  const padded = (countIncludePad: boolean): AvgPool2dAttrs => ({
    ...pool([2, 2], [2, 2], [1, 1, 1, 1]),
    countIncludePad,
  });
  const x = cpuArray([1, 2, 3, 4], [1, 1, 2, 2]);

  it('averages each 2×2 window at stride 2 (checked by hand)', () => {
    const attrs = { ...pool([2, 2], [2, 2], [0, 0, 0, 0]), countIncludePad: true };
    expect(Array.from(runKernel('avgPool2d', [x16], [1, 1, 2, 2], attrs).data)).toEqual([
      3.5, 5.5, 11.5, 13.5,
    ]);
  });

  it('divides by the whole window when countIncludePad is true', () => {
    // Each window holds one real pixel and three padded zeros.
    expect(Array.from(runKernel('avgPool2d', [x], [1, 1, 2, 2], padded(true)).data)).toEqual([
      0.25, 0.5, 0.75, 1,
    ]);
  });

  it('divides by the real pixels only when countIncludePad is false', () => {
    expect(Array.from(runKernel('avgPool2d', [x], [1, 1, 2, 2], padded(false)).data)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('with countIncludePad, does not count positions of a window beyond the padded image', () => {
    // A 3×3 image pooled into 2×2 (a ceil-mode shape): window (1,1) overhangs the image and holds
    // only pixel 9, so it divides by 1, as PyTorch does; window (0,0) divides by 4.
    const x9 = cpuArray([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const attrs = { ...pool([2, 2], [2, 2], [0, 0, 0, 0]), countIncludePad: true };
    expect(Array.from(runKernel('avgPool2d', [x9], [1, 1, 2, 2], attrs).data)).toEqual([
      3, 4.5, 7.5, 9,
    ]);
  });

  it('with countIncludePad, counts bottom and right padding in the divisor', () => {
    // 3×3 image padded by one row below and one column right: every 2×2 window counts 4 positions.
    const x9 = cpuArray([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const attrs = { ...pool([2, 2], [2, 2], [0, 1, 0, 1]), countIncludePad: true };
    expect(Array.from(runKernel('avgPool2d', [x9], [1, 1, 2, 2], attrs).data)).toEqual([
      3, 2.25, 3.75, 2.25,
    ]);
  });

  it('counts only the real pixels of a window with asymmetric padding', () => {
    // 3×3 windows, stride 1, padding top 1 / left 1: window (0,0) covers rows −1..1, cols −1..1.
    const attrs = { ...pool([3, 3], [1, 1], [1, 0, 1, 0]), countIncludePad: false };
    const y = runKernel('avgPool2d', [x16], [1, 1, 3, 3], attrs);
    // window (0,0): real pixels 1 2 5 6 → 3.5; window (2,2): rows 1..3 × cols 1..3 (6 7 8 10 11 12 14 15 16) → 11
    expect(y.data[0]).toBe(3.5);
    expect(y.data[8]).toBe(11);
  });
});

describe('avgPool2dGrad', () => {
  it('spreads each dy evenly over its window', () => {
    const attrs = {
      ...pool([2, 2], [2, 2], [0, 0, 0, 0]),
      countIncludePad: true,
      inputShape: [1, 1, 2, 4],
    };
    const dx = runKernel('avgPool2dGrad', [cpuArray([4, 8], [1, 1, 1, 2])], [1, 1, 2, 4], attrs);
    expect(Array.from(dx.data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
  });

  it.each([true, false])(
    'is the adjoint of avgPool2d: <avgPool2d(x), dy> = <x, dx> (countIncludePad %s)',
    (countIncludePad) => {
      const shape = [2, 2, 5, 6];
      const attrs = { ...pool([3, 2], [2, 1], [1, 2, 0, 1]), countIncludePad };
      const yShape = [2, 2, Math.floor((5 + 3 - 3) / 2) + 1, Math.floor((6 + 1 - 2) / 1) + 1];
      const x = randomIntegers(shape, 41);
      const dy = randomIntegers(yShape, 42);
      const forward = dot(runKernel('avgPool2d', [x], yShape, attrs), dy);
      const backward = dot(
        x,
        runKernel('avgPool2dGrad', [dy], shape, { ...attrs, inputShape: shape }),
      );
      expect(Math.abs(forward)).toBeGreaterThan(1);
      expect(backward).toBeCloseTo(forward, 4);
    },
  );
});
