import { describe, expect, it } from 'vitest';
import { cpuArray, randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, toHeap } from '../testing/heap-arrays.js';
import { WasmHeap } from './wasm-heap.js';
import { reduceLayout, WasmReduce } from './wasm-reduce.js';

const heap = new WasmHeap({ initialBytes: 1 << 20 });
const reduce = new WasmReduce(heap);

function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, a) => (axes.includes(a) ? 1 : d));
}

function run(op: 'sum' | 'max', values: ArrayLike<number>, shape: number[], axes: number[]) {
  const size = keptShape(shape, axes).reduce((a, b) => a * b, 1);
  const out = toHeap(heap, new Array(size).fill(Number.NaN));
  const handled = reduce[op]({ offset: toHeap(heap, values), shape }, axes, out);
  return { handled, values: fromHeap(heap, out, size) };
}

describe('reduceLayout', () => {
  it('sees trailing and leading reductions through size-1 axes', () => {
    expect(reduceLayout([4, 1, 6], [2])).toEqual({ kind: 'trailing', rows: 4, cols: 6 });
    expect(reduceLayout([4, 5, 6], [1, 2])).toEqual({ kind: 'trailing', rows: 4, cols: 30 });
    expect(reduceLayout([4, 5, 6], [0, 1])).toEqual({ kind: 'leading', rows: 20, cols: 6 });
    expect(reduceLayout([4, 1, 6], [0, 1])).toEqual({ kind: 'leading', rows: 4, cols: 6 });
  });

  it('refuses a reduction of a middle axis', () => {
    expect(reduceLayout([4, 5, 6], [1])).toBeUndefined();
  });
});

describe('WasmReduce', () => {
  const shapes: [number[], number[]][] = [
    [[3, 1], [1]],
    [[5, 17], [1]],
    [[33, 65], [1]],
    [
      [2, 3, 9],
      [1, 2],
    ],
    [[1, 1000], [1]],
    [[7, 0], [1]],
    [[65, 5], [0]],
    [
      [17, 3, 33],
      [0, 1],
    ],
    [
      [3, 1, 8],
      [0, 1],
    ],
    [
      [5, 6],
      [0, 1],
    ],
  ];

  it.each(shapes)('sums [%j] over axes %j as the reference kernel does', (shape, axes) => {
    const x = randomIntegers(shape, shape.length * 31 + axes[0]);
    const { handled, values } = run('sum', x.data, shape, axes);
    expect(handled).toBe(true);
    expect(values).toEqual(
      Array.from(runKernel('sum', [x], keptShape(shape, axes), { axes }).data),
    );
  });

  it.each(shapes.filter(([shape, axes]) => reduceLayout(shape, axes)?.kind === 'trailing'))(
    'takes the max of [%j] over axes %j as the reference kernel does',
    (shape, axes) => {
      const x = randomIntegers(shape, 99, 50);
      const { handled, values } = run('max', x.data, shape, axes);
      expect(handled).toBe(true);
      expect(values).toEqual(
        Array.from(runKernel('max', [x], keptShape(shape, axes), { axes }).data),
      );
    },
  );

  it('accumulates sums in float64, like the reference, so small terms are not lost', () => {
    // 2^24 + 1 + 1 + … is stuck at 2^24 in float32 accumulation.
    const values = [2 ** 24, ...new Array(31).fill(1)];
    expect(run('sum', values, [1, 32], [1]).values).toEqual([2 ** 24 + 32]);
    expect(run('sum', values, [32, 1], [0]).values).toEqual([2 ** 24 + 32]);
  });

  it('sums leading axes of real numbers in the reference order, so the results are identical', () => {
    let seed = 3;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const values = Array.from({ length: 37 * 23 }, next);
    const x = cpuArray(values, [37, 23]);
    const expected = runKernel('sum', [x], [1, 23], { axes: [0] });
    expect(run('sum', values, [37, 23], [0]).values).toEqual(Array.from(expected.data));
  });

  it('returns NaN as the max of a row holding one, anywhere in the row', () => {
    for (const at of [0, 5, 8, 10]) {
      const values = Array.from({ length: 11 }, (_, i) => (i === at ? Number.NaN : i));
      expect(run('max', values, [1, 11], [1]).values).toEqual([Number.NaN]);
    }
    const reference = runKernel('max', [cpuArray([1, Number.NaN, 3], [1, 3])], [1, 1], {
      axes: [1],
    });
    expect(Array.from(reference.data)).toEqual([Number.NaN]);
  });

  it('gives −∞ as the max of an empty row', () => {
    expect(run('max', [], [2, 0], [1]).values).toEqual([-Infinity, -Infinity]);
  });

  it('declines what it does not handle, leaving the output alone', () => {
    expect(run('sum', new Array(60).fill(1), [3, 4, 5], [1]).handled).toBe(false);
    expect(run('max', new Array(12).fill(1), [3, 4], [0]).handled).toBe(false);
  });
});
