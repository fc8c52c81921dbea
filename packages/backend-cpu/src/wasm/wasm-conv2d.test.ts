import type { Conv2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import type { CpuArray } from '../cpu-kernel.js';
import { randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, simdVariants, toHeap } from '../testing/heap-arrays.js';
import { WasmConv2d } from './wasm-conv2d.js';
import type { WasmConv2dOptions } from './wasm-conv2d.js';
import { WasmGemm } from './wasm-gemm.js';
import { WasmHeap } from './wasm-heap.js';

interface ConvCase {
  name: string;
  x: [number, number, number, number];
  o: number;
  k: [number, number];
  attrs: Conv2dAttrs;
}

function attrs(
  stride: [number, number],
  padding: [number, number, number, number],
  dilation: [number, number],
  groups: number,
): Conv2dAttrs {
  return { stride, padding, dilation, groups };
}

const cases: ConvCase[] = [
  {
    name: '3×3, no padding',
    x: [2, 3, 7, 9],
    o: 4,
    k: [3, 3],
    attrs: attrs([1, 1], [0, 0, 0, 0], [1, 1], 1),
  },
  {
    name: 'same padding on an odd image',
    x: [3, 5, 17, 5],
    o: 6,
    k: [3, 3],
    attrs: attrs([1, 1], [1, 1, 1, 1], [1, 1], 1),
  },
  {
    name: 'stride 2, asymmetric padding, dilation 2, groups 2',
    x: [2, 4, 7, 6],
    o: 6,
    k: [3, 2],
    attrs: attrs([2, 2], [1, 2, 0, 1], [2, 2], 2),
  },
  {
    name: 'uneven stride and dilation, depthwise',
    x: [1, 3, 6, 8],
    o: 3,
    k: [2, 3],
    attrs: attrs([1, 3], [2, 0, 1, 1], [3, 1], 3),
  },
  {
    name: 'kernel larger than the input with padding',
    x: [1, 2, 2, 2],
    o: 2,
    k: [3, 3],
    attrs: attrs([1, 1], [1, 1, 1, 1], [1, 1], 1),
  },
  {
    name: 'pointwise 1×1 with groups',
    x: [3, 6, 5, 3],
    o: 9,
    k: [1, 1],
    attrs: attrs([1, 1], [0, 0, 0, 0], [1, 1], 3),
  },
  {
    name: '1×1 with stride 2 (lowered, not pointwise)',
    x: [2, 3, 5, 5],
    o: 5,
    k: [1, 1],
    attrs: attrs([2, 2], [0, 0, 0, 0], [1, 1], 1),
  },
  {
    name: 'MNIST-like 1 → 33 channels, 5×5, pad 2',
    x: [2, 1, 17, 17],
    o: 33,
    k: [5, 5],
    attrs: attrs([1, 1], [2, 2, 2, 2], [1, 1], 1),
  },
  {
    name: 'many channels: 65 → 17, 3×3',
    x: [1, 65, 5, 6],
    o: 17,
    k: [3, 3],
    attrs: attrs([1, 1], [0, 1, 1, 0], [1, 1], 1),
  },
  // Shapes for the direct (stride-1) kernels: flat rows wider or narrower than a tile, output
  // channels and positions that leave remainder tiles, padding 0 / 1 / 2 and asymmetric.
  {
    name: 'odd width 13, 6 → 7 channels (remainder rows), pad 2',
    x: [1, 6, 9, 13],
    o: 7,
    k: [3, 3],
    attrs: attrs([1, 1], [2, 2, 2, 2], [1, 1], 1),
  },
  {
    name: '8 → 8, 20×20, pad 1',
    x: [2, 8, 20, 20],
    o: 8,
    k: [3, 3],
    attrs: attrs([1, 1], [1, 1, 1, 1], [1, 1], 1),
  },
  {
    name: 'asymmetric padding wider on the left, 5 → 11, 2×4 kernel',
    x: [2, 5, 7, 11],
    o: 11,
    k: [2, 4],
    attrs: attrs([1, 1], [0, 1, 3, 1], [1, 1], 1),
  },
  {
    name: 'dilation 2 at stride 1 with groups 2',
    x: [1, 6, 11, 10],
    o: 10,
    k: [3, 3],
    attrs: attrs([1, 1], [2, 1, 2, 2], [2, 2], 2),
  },
  {
    name: 'padding beyond the kernel reach (1×1, pad 1)',
    x: [2, 3, 4, 5],
    o: 5,
    k: [1, 1],
    attrs: attrs([1, 1], [1, 1, 1, 1], [1, 1], 1),
  },
  {
    name: 'one input channel, width 1 output (7×3 kernel on 7×3)',
    x: [3, 1, 7, 3],
    o: 13,
    k: [7, 3],
    attrs: attrs([1, 1], [0, 0, 0, 0], [1, 1], 1),
  },
  {
    name: 'kernel 8 wide (the filter gradient tile limit), one output channel',
    x: [1, 2, 3, 12],
    o: 1,
    k: [2, 8],
    attrs: attrs([1, 1], [1, 0, 0, 1], [1, 1], 1),
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

function shapes({ x, o, k, attrs: { stride, padding, dilation, groups } }: ConvCase) {
  const w = [o, x[1] / groups, k[0], k[1]];
  const y = [
    x[0],
    o,
    outSize(x[2], k[0], stride[0], padding[0], padding[1], dilation[0]),
    outSize(x[3], k[1], stride[1], padding[2], padding[3], dilation[1]),
  ];
  return { w, y };
}

function heapTensor(heap: WasmHeap, array: CpuArray) {
  return { offset: toHeap(heap, array), shape: array.shape };
}

function output(heap: WasmHeap, shape: readonly number[], fill = Number.NaN) {
  const size = shape.reduce((a, b) => a * b, 1);
  // Pre-filled with garbage, so a kernel that forgets to write (or to zero) an element fails.
  return { offset: toHeap(heap, new Array(size).fill(fill)), shape, size };
}

// Every case with the default choice, on the direct kernels (stride 1) with the default tiles and
// with tiles that leave other remainders, and on im2col + GEMM alone.
const modes: { name: string; options: WasmConv2dOptions }[] = [
  { name: 'the default choice of kernels', options: {} },
  { name: 'direct kernels wherever correct', options: { direct: 'always' } },
  {
    name: 'direct kernels with 2×16 tiles',
    options: { direct: 'always', tiles: { mr: 2, nr: 16 } },
  },
  { name: 'im2col + GEMM only', options: { direct: 'never' } },
];

for (const variant of simdVariants()) {
  for (const mode of modes) {
    describe(`WasmConv2d with ${variant.name}, ${mode.name}`, () => {
      const heap = new WasmHeap({ initialBytes: 1 << 20 });
      const gemm = new WasmGemm(heap, { fma: variant.fma, blocking: { mc: 20, kc: 16, nc: 24 } });
      const conv = new WasmConv2d(heap, gemm, mode.options);

      describe.each(cases)('$name', (c) => {
        const { w, y } = shapes(c);
        const x = randomIntegers(c.x, 1);
        const filter = randomIntegers(w, 2);
        const dy = randomIntegers(y, 3);

        it('computes the forward pass of the reference kernel', () => {
          const out = output(heap, y);
          conv.forward(heapTensor(heap, x), heapTensor(heap, filter), out, c.attrs);
          expect(fromHeap(heap, out.offset, out.size)).toEqual(
            Array.from(runKernel('conv2d', [x, filter], y, c.attrs).data),
          );
        });

        it('computes the input gradient of the reference kernel', () => {
          const out = output(heap, c.x);
          conv.inputGrad(heapTensor(heap, dy), heapTensor(heap, filter), out, c.attrs);
          const expected = runKernel('conv2dInputGrad', [dy, filter], c.x, {
            ...c.attrs,
            inputShape: c.x,
          });
          expect(fromHeap(heap, out.offset, out.size)).toEqual(Array.from(expected.data));
        });

        it('computes the filter gradient of the reference kernel', () => {
          const out = output(heap, w);
          conv.filterGrad(heapTensor(heap, x), heapTensor(heap, dy), out, c.attrs);
          const expected = runKernel('conv2dFilterGrad', [x, dy], w, {
            ...c.attrs,
            filterShape: w,
          });
          expect(fromHeap(heap, out.offset, out.size)).toEqual(Array.from(expected.data));
        });
      });

      // Strided (im2col + GEMM) and stride 1 (direct kernels), both with groups a share can straddle.
      const shared: ConvCase[] = [
        cases[2],
        {
          name: 'stride 1, groups 2',
          x: [2, 6, 9, 10],
          o: 6,
          k: [3, 3],
          attrs: attrs([1, 1], [1, 1, 1, 1], [1, 1], 2),
        },
      ];
      it.each(shared)(
        'computes only the requested images (forward, input grad) and output channels (filter grad): $name',
        (c) => {
          const { w, y } = shapes(c);
          const [x, filter, dy] = [
            randomIntegers(c.x, 4),
            randomIntegers(w, 5),
            randomIntegers(y, 6),
          ];
          const [xs, ws, dys] = [
            heapTensor(heap, x),
            heapTensor(heap, filter),
            heapTensor(heap, dy),
          ];
          const yOut = output(heap, y, 0);
          const dxOut = output(heap, c.x, 0);
          const dwOut = output(heap, w, 0);
          // Two shares that together cover everything, as two workers would run them.
          conv.forward(xs, ws, yOut, c.attrs, [0, 1]);
          conv.forward(xs, ws, yOut, c.attrs, [1, 2]);
          conv.inputGrad(dys, ws, dxOut, c.attrs, [1, 2]);
          conv.inputGrad(dys, ws, dxOut, c.attrs, [0, 1]);
          conv.filterGrad(xs, dys, dwOut, c.attrs, [0, 2]);
          conv.filterGrad(xs, dys, dwOut, c.attrs, [2, c.o]);
          expect(fromHeap(heap, yOut.offset, yOut.size)).toEqual(
            Array.from(runKernel('conv2d', [x, filter], y, c.attrs).data),
          );
          expect(fromHeap(heap, dxOut.offset, dxOut.size)).toEqual(
            Array.from(
              runKernel('conv2dInputGrad', [dy, filter], c.x, { ...c.attrs, inputShape: c.x }).data,
            ),
          );
          expect(fromHeap(heap, dwOut.offset, dwOut.size)).toEqual(
            Array.from(
              runKernel('conv2dFilterGrad', [x, dy], w, { ...c.attrs, filterShape: w }).data,
            ),
          );
        },
      );

      it('splits a filter gradient with more channels than taps (the transposed product) into shares', () => {
        const c: ConvCase = {
          name: 'few taps',
          x: [2, 2, 5, 5],
          o: 12,
          k: [1, 2],
          attrs: attrs([1, 1], [0, 0, 1, 0], [1, 1], 1),
        };
        const { w, y } = shapes(c);
        const [x, dy] = [randomIntegers(c.x, 9), randomIntegers(y, 10)];
        const dwOut = output(heap, w, 0);
        const [xs, dys] = [heapTensor(heap, x), heapTensor(heap, dy)];
        conv.filterGrad(xs, dys, dwOut, c.attrs, [7, 12]);
        conv.filterGrad(xs, dys, dwOut, c.attrs, [0, 7]);
        const expected = runKernel('conv2dFilterGrad', [x, dy], w, { ...c.attrs, filterShape: w });
        expect(fromHeap(heap, dwOut.offset, dwOut.size)).toEqual(Array.from(expected.data));
      });

      it('gives a zero filter gradient for an empty batch', () => {
        const c = cases[0];
        const { w } = shapes(c);
        const dw = output(heap, w);
        const empty = { offset: 64, shape: [0, ...c.x.slice(1)] };
        conv.filterGrad(empty, { offset: 64, shape: [0, c.o, 5, 7] }, dw, c.attrs);
        expect(fromHeap(heap, dw.offset, dw.size)).toEqual(new Array(dw.size).fill(0));
      });

      it('frees its col buffer, leaving the heap as it found it', () => {
        const c = cases[1];
        const { w, y } = shapes(c);
        const xs = heapTensor(heap, randomIntegers(c.x, 7));
        const ws = heapTensor(heap, randomIntegers(w, 8));
        const out = output(heap, y);
        gemm.gemm(
          1,
          1,
          1,
          { offset: xs.offset, rowStride: 1, colStride: 1 },
          { offset: xs.offset, rowStride: 1, colStride: 1 },
          { offset: out.offset, rowStride: 1 },
        );
        const live = heap.liveBytes;
        conv.forward(xs, ws, out, c.attrs);
        expect(heap.liveBytes).toBe(live);
      });
    });
  }
}
