import type { Pool2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, toHeap } from '../testing/heap-arrays.js';
import { WasmHeap } from './wasm-heap.js';
import { WasmPool } from './wasm-pool.js';

const heap = new WasmHeap({ initialBytes: 1 << 20 });
const pool = new WasmPool(heap);
const plain: Pool2dAttrs = { kernelSize: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0] };

/** Values with many ties (small integers), some NaNs and signed zeros, so first-maximum rules matter. */
function awkward(shape: number[], seed: number): number[] {
  const values = Array.from(randomIntegers(shape, seed, 2).data);
  return values.map((v, i) => (i % 17 === 5 ? Number.NaN : i % 13 === 3 ? -0 : v));
}

function outShape([n, c, h, w]: number[]): number[] {
  return [n, c, Math.floor(h / 2), Math.floor(w / 2)];
}

describe('WasmPool', () => {
  const shapes = [
    [1, 1, 2, 2],
    [2, 3, 26, 26],
    [2, 2, 11, 11],
    [1, 2, 9, 17],
    [3, 1, 4, 30],
  ];

  for (const shape of shapes) {
    it(`max-pools [${shape}] exactly as the reference kernel, NaNs and ties included`, () => {
      const values = awkward(shape, shape[3]);
      const want = runKernel('maxPool2d', [{ data: Float32Array.from(values), shape, dtype: 'float32' }], outShape(shape), plain);
      const size = want.data.length;
      const y = toHeap(heap, new Array(size).fill(7));
      expect(pool.maxPool2d({ offset: toHeap(heap, values), shape }, { offset: y, shape: outShape(shape) }, plain)).toBe(true);
      fromHeap(heap, y, size).forEach((v, i) => expect(Object.is(v, want.data[i]), `element ${i}: ${v} vs ${want.data[i]}`).toBe(true));
    });

    it(`routes the gradient of [${shape}] to the same element of each window as the reference`, () => {
      const values = awkward(shape, shape[2]);
      const dyValues = Array.from(randomIntegers(outShape(shape), 3, 9).data).map((v) => v + 0.5);
      const f32 = (v: number[], s: number[]) => ({ data: Float32Array.from(v), shape: s, dtype: 'float32' as const });
      const want = runKernel('maxPool2dGrad', [f32(values, shape), f32(dyValues, outShape(shape))], shape, plain);
      const size = want.data.length;
      const dx = toHeap(heap, new Array(size).fill(7));
      const handled = pool.maxPool2dGrad(
        { offset: toHeap(heap, values), shape },
        { offset: toHeap(heap, dyValues), shape: outShape(shape) },
        { offset: dx, shape },
        plain,
      );
      expect(handled).toBe(true);
      expect(fromHeap(heap, dx, size)).toEqual(Array.from(want.data));
    });
  }

  it('declines pools it has no kernel for: other windows, strides, padding', () => {
    const x = { offset: toHeap(heap, new Array(16).fill(1)), shape: [1, 1, 4, 4] };
    const y = { offset: toHeap(heap, new Array(16).fill(1)), shape: [1, 1, 2, 2] };
    expect(pool.maxPool2d(x, y, { ...plain, kernelSize: [3, 3] })).toBe(false);
    expect(pool.maxPool2d(x, y, { ...plain, stride: [1, 1] })).toBe(false);
    expect(pool.maxPool2d(x, y, { ...plain, padding: [1, 1, 1, 1] })).toBe(false);
  });
});
