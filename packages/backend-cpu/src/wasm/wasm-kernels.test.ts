import { describe, expect, it } from 'vitest';
import { noAttrs, randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, simdVariants, toHeap } from '../testing/heap-arrays.js';
import { WasmHeap } from './wasm-heap.js';
import { WasmKernels } from './wasm-kernels.js';

const batchedShapes: [number[], number, number, number][] = [
  [[2, 3], 4, 5, 2],
  [[1], 17, 33, 65],
  [[5], 1, 7, 3],
  [[3, 1, 2], 9, 1, 6],
  [[], 33, 17, 5],
];

for (const variant of simdVariants()) {
  describe(`WasmKernels with ${variant.name}`, () => {
    const heap = new WasmHeap({ initialBytes: 1 << 20 });
    const kernels = new WasmKernels(heap, { fma: variant.fma });

    it('says which multiply it uses', () => {
      expect(kernels.fma).toBe(variant.fma);
    });

    it('sums leading and trailing axes together (a conv bias gradient) as the reference does', () => {
      const x = randomIntegers([4, 3, 5, 6], 11);
      const out = toHeap(heap, new Array(3).fill(Number.NaN));
      expect(kernels.sum({ offset: toHeap(heap, x), shape: x.shape }, [0, 2, 3], out)).toBe(true);
      expect(fromHeap(heap, out, 3)).toEqual(Array.from(runKernel('sum', [x], [1, 3, 1, 1], { axes: [0, 2, 3] }).data));
    });

    it('declines a sum over a middle axis alone', () => {
      const x = randomIntegers([4, 3, 5], 12);
      expect(kernels.sum({ offset: toHeap(heap, x), shape: x.shape }, [1], toHeap(heap, new Array(20).fill(0)))).toBe(false);
    });

    it.each(batchedShapes)(
      'multiplies batch %j of %i×%i by %i columns as the reference does',
      (batch, m, k, n) => {
        const a = randomIntegers([...batch, m, k], m + k);
        const b = randomIntegers([...batch, k, n], k + n);
        const shape = [...batch, m, n];
        const size = shape.reduce((x, y) => x * y, 1);
        const out = { offset: toHeap(heap, new Array(size).fill(Number.NaN)), shape };
        kernels.matmul(
          { offset: toHeap(heap, a), shape: a.shape },
          { offset: toHeap(heap, b), shape: b.shape },
          out,
        );
        expect(fromHeap(heap, out.offset, size)).toEqual(
          Array.from(runKernel('matmul', [a, b], shape, noAttrs).data),
        );
      },
    );

    it('splits a batched matmul into row shares that cut across batch entries', () => {
      const [batch, m, k, n] = [3, 5, 6, 7];
      const a = randomIntegers([batch, m, k], 1);
      const b = randomIntegers([batch, k, n], 2);
      const shape = [batch, m, n];
      const out = { offset: toHeap(heap, new Array(batch * m * n).fill(Number.NaN)), shape };
      const as = { offset: toHeap(heap, a), shape: a.shape };
      const bs = { offset: toHeap(heap, b), shape: b.shape };
      for (const share of [
        [0, 4],
        [4, 11],
        [11, 15],
      ] as const)
        kernels.matmul(as, bs, out, share);
      expect(fromHeap(heap, out.offset, batch * m * n)).toEqual(
        Array.from(runKernel('matmul', [a, b], shape, noAttrs).data),
      );
    });

    it('lets a second set of kernels with scratch in a carved region compute another row share', () => {
      // What a worker would do with the shared memory: its own kernels, its own scratch region.
      const helper = new WasmKernels(WasmHeap.inRegion(heap.carveRegion(1 << 18)), {
        fma: variant.fma,
      });
      const [m, k, n] = [30, 17, 12];
      const a = randomIntegers([m, k], 5);
      const b = randomIntegers([k, n], 6);
      const out = { offset: toHeap(heap, new Array(m * n).fill(Number.NaN)), shape: [m, n] };
      const as = { offset: toHeap(heap, a), shape: a.shape };
      const bs = { offset: toHeap(heap, b), shape: b.shape };
      kernels.matmul(as, bs, out, [0, 15]);
      helper.matmul(as, bs, out, [15, 30]);
      expect(fromHeap(heap, out.offset, m * n)).toEqual(
        Array.from(runKernel('matmul', [a, b], [m, n], noAttrs).data),
      );
    });
  });
}
