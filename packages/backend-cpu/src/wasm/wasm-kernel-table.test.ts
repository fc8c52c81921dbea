import type { Conv2dAttrs, PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { noAttrs, randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, toHeap } from '../testing/heap-arrays.js';
import { WasmHeap } from './wasm-heap.js';
import { wasmKernelFor } from './wasm-kernel-table.js';
import { WasmKernels } from './wasm-kernels.js';

const heap = new WasmHeap({ initialBytes: 1 << 20 });
const kernels = new WasmKernels(heap);

/** Runs `op` through the table and through the reference kernel on the same seeded inputs. */
function both<Op extends PrimitiveOp>(
  op: Op,
  inputShapes: number[][],
  outShape: number[],
  attrs: PrimitiveAttrs[Op],
) {
  const inputs = inputShapes.map((shape, i) => randomIntegers(shape, 10 + i));
  const size = outShape.reduce((a, b) => a * b, 1);
  const out = { offset: toHeap(heap, new Array(size).fill(Number.NaN)), shape: outShape };
  const kernel = wasmKernelFor(op);
  if (!kernel) throw new Error(`no WASM kernel for ${op}`);
  const handled = kernel(
    kernels,
    inputs.map((x) => ({ offset: toHeap(heap, x), shape: x.shape })),
    out,
    attrs,
  );
  return {
    handled,
    wasm: fromHeap(heap, out.offset, size),
    reference: Array.from(runKernel(op, inputs, outShape, attrs).data),
  };
}

const conv: Conv2dAttrs = { stride: [2, 1], padding: [1, 0, 2, 1], dilation: [1, 2], groups: 2 };

describe('wasmKernelTable', () => {
  it('has no entry for a primitive without a WASM kernel', () => {
    expect(wasmKernelFor('gather')).toBeUndefined();
  });

  it.each([
    [
      'matmul',
      () =>
        both(
          'matmul',
          [
            [2, 5, 7],
            [2, 7, 3],
          ],
          [2, 5, 3],
          noAttrs,
        ),
    ],
    [
      'conv2d',
      () =>
        both(
          'conv2d',
          [
            [2, 4, 6, 5],
            [6, 2, 3, 2],
          ],
          [2, 6, 3, 6],
          conv,
        ),
    ],
    [
      'conv2dInputGrad',
      () =>
        both(
          'conv2dInputGrad',
          [
            [2, 6, 3, 6],
            [6, 2, 3, 2],
          ],
          [2, 4, 6, 5],
          {
            ...conv,
            inputShape: [2, 4, 6, 5],
          },
        ),
    ],
    [
      'conv2dFilterGrad',
      () =>
        both(
          'conv2dFilterGrad',
          [
            [2, 4, 6, 5],
            [2, 6, 3, 6],
          ],
          [6, 2, 3, 2],
          {
            ...conv,
            filterShape: [6, 2, 3, 2],
          },
        ),
    ],
    ['sum over trailing axes', () => both('sum', [[3, 4, 5]], [3, 1, 1], { axes: [1, 2] })],
    ['sum over leading axes', () => both('sum', [[3, 4, 5]], [1, 1, 5], { axes: [0, 1] })],
    ['max over the last axis', () => both('max', [[6, 9]], [6, 1], { axes: [1] })],
  ])('runs %s as the reference kernel does', (_, run) => {
    const { handled, wasm, reference } = run();
    expect(handled).toBe(true);
    expect(wasm).toEqual(reference);
  });

  it('declines reductions it has no layout for, leaving them to the reference kernel', () => {
    expect(both('sum', [[3, 4, 5]], [3, 1, 5], { axes: [1] }).handled).toBe(false);
    expect(both('max', [[3, 4]], [1, 4], { axes: [0] }).handled).toBe(false);
  });
});
