import type { Conv2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { cpuArray, dot, randomIntegers, runKernel } from '../testing/arrays.js';

interface ConvCase {
  name: string;
  x: [number, number, number, number];
  /** Output channels, kernel height and width; the filter's channel count is C / groups. */
  o: number;
  k: [number, number];
  attrs: Conv2dAttrs;
}

const cases: ConvCase[] = [
  {
    name: 'plain 3×3',
    x: [1, 1, 5, 5],
    o: 1,
    k: [3, 3],
    attrs: { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1 },
  },
  {
    name: 'stride 2, asymmetric padding, dilation 2, groups 2',
    x: [2, 4, 7, 6],
    o: 6,
    k: [3, 2],
    attrs: { stride: [2, 2], padding: [1, 2, 0, 1], dilation: [2, 2], groups: 2 },
  },
  {
    name: 'uneven stride and dilation, depthwise',
    x: [1, 3, 6, 8],
    o: 3,
    k: [2, 3],
    attrs: { stride: [1, 3], padding: [2, 0, 1, 1], dilation: [3, 1], groups: 3 },
  },
  {
    name: 'kernel larger than the input with padding',
    x: [1, 2, 2, 2],
    o: 2,
    k: [3, 3],
    attrs: { stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 1 },
  },
];

function outSize(
  input: number,
  kernel: number,
  stride: number,
  before: number,
  after: number,
  dilation: number,
) {
  return Math.floor((input + before + after - dilation * (kernel - 1) - 1) / stride) + 1;
}

function shapes({ x, o, k, attrs }: ConvCase) {
  const { stride, padding, dilation, groups } = attrs;
  const w = [o, x[1] / groups, k[0], k[1]];
  const y = [
    x[0],
    o,
    outSize(x[2], k[0], stride[0], padding[0], padding[1], dilation[0]),
    outSize(x[3], k[1], stride[1], padding[2], padding[3], dilation[1]),
  ];
  return { w, y };
}

/** The textbook definition, one output element at a time, bounds-checking every tap. */
function naiveConv2d(xs: ArrayLike<number>, ws: ArrayLike<number>, c: ConvCase): number[] {
  const [N, C, H, W] = c.x;
  const { w, y } = shapes(c);
  const [O, Cg, KH, KW] = w;
  const [, , OH, OW] = y;
  const { stride, padding, dilation, groups } = c.attrs;
  const out: number[] = [];
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let sum = 0;
          const g = Math.floor(o / (O / groups));
          for (let cg = 0; cg < Cg; cg++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const ih = oh * stride[0] - padding[0] + kh * dilation[0];
                const iw = ow * stride[1] - padding[2] + kw * dilation[1];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const ch = g * Cg + cg;
                sum +=
                  xs[((n * C + ch) * H + ih) * W + iw] * ws[((o * Cg + cg) * KH + kh) * KW + kw];
              }
          out.push(sum);
        }
  return out;
}

describe('conv2d', () => {
  it('sums each 2×2 window of a 3×3 image with an all-ones filter (checked by hand)', () => {
    const x = cpuArray([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const w = cpuArray([1, 1, 1, 1], [1, 1, 2, 2]);
    const attrs: Conv2dAttrs = {
      stride: [1, 1],
      padding: [0, 0, 0, 0],
      dilation: [1, 1],
      groups: 1,
    };
    expect(Array.from(runKernel('conv2d', [x, w], [1, 1, 2, 2], attrs).data)).toEqual([
      12, 16, 24, 28,
    ]);
  });

  it.each(cases)('matches the direct formula: $name', (c) => {
    const { w, y } = shapes(c);
    const x = randomIntegers(c.x, 3);
    const filter = randomIntegers(w, 4);
    const out = runKernel('conv2d', [x, filter], y, c.attrs);
    expect(Array.from(out.data)).toEqual(naiveConv2d(x.data, filter.data, c));
  });
});

describe('conv2d backward passes', () => {
  it.each(cases)(
    'are the adjoints of conv2d: <conv2d(x, w), dy> = <x, dx> = <w, dw> ($name)',
    (c) => {
      const { w, y } = shapes(c);
      const x = randomIntegers(c.x, 5);
      const filter = randomIntegers(w, 6);
      const dy = randomIntegers(y, 7);
      const forward = dot(runKernel('conv2d', [x, filter], y, c.attrs), dy);
      const dx = runKernel('conv2dInputGrad', [dy, filter], c.x, { ...c.attrs, inputShape: c.x });
      const dw = runKernel('conv2dFilterGrad', [x, dy], w, { ...c.attrs, filterShape: w });
      expect(forward).not.toBe(0);
      expect(dot(x, dx)).toBe(forward);
      expect(dot(filter, dw)).toBe(forward);
    },
  );

  it('the input gradient of a 1×1 filter scales dy by the weight', () => {
    const dy = cpuArray([1, 2, 3, 4], [1, 1, 2, 2]);
    const w = cpuArray([3], [1, 1, 1, 1]);
    const attrs = {
      stride: [1, 1],
      padding: [0, 0, 0, 0],
      dilation: [1, 1],
      groups: 1,
      inputShape: [1, 1, 2, 2],
    } as const;
    expect(Array.from(runKernel('conv2dInputGrad', [dy, w], [1, 1, 2, 2], attrs).data)).toEqual([
      3, 6, 9, 12,
    ]);
  });

  it('the filter gradient of a stride-2 conv only sees the pixels the stride visits', () => {
    // 1×1 filter, stride 2 on a 3×3 image reads pixels (0,0) (0,2) (2,0) (2,2) = 1, 3, 7, 9.
    const x = cpuArray([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const dy = cpuArray([1, 1, 1, 1], [1, 1, 2, 2]);
    const attrs = {
      stride: [2, 2],
      padding: [0, 0, 0, 0],
      dilation: [1, 1],
      groups: 1,
      filterShape: [1, 1, 1, 1],
    } as const;
    expect(Array.from(runKernel('conv2dFilterGrad', [x, dy], [1, 1, 1, 1], attrs).data)).toEqual([
      20,
    ]);
  });
});
