import type { AnyLaunch, BufferRef } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { blockRanges, blocksOf, planSplit } from './split-plan.js';

const ref = (id: number, shape: number[]): BufferRef => ({ id, shape, dtype: 'float32' });
const matmul = (m: number, k: number, n: number): AnyLaunch => ({
  kind: 'launch',
  op: 'matmul',
  attrs: {},
  inputs: [ref(1, [m, k]), ref(2, [k, n])],
  output: ref(3, [m, n]),
  label: 'matmul #3',
});
const conv = (n: number, c: number, o: number): AnyLaunch => ({
  kind: 'launch',
  op: 'conv2d',
  attrs: { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1 },
  inputs: [ref(1, [n, c, 10, 10]), ref(2, [o, c, 3, 3])],
  output: ref(3, [n, o, 8, 8]),
  label: 'conv2d #3',
});

describe('blockRanges', () => {
  it('covers every unit exactly once, in order, with sizes differing by at most one', () => {
    const ranges = blockRanges(10, 3);
    expect(ranges).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
  });

  it('makes no more blocks than units', () => {
    expect(blockRanges(2, 8)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('planSplit', () => {
  it('keeps a launch below the threshold on one thread', () => {
    expect(planSplit(matmul(8, 8, 8), 2, 2 * 8 * 8 * 8 + 1)).toBeUndefined();
  });

  it('splits a matmul at the threshold by rows', () => {
    const plan = planSplit(matmul(8, 8, 8), 2, 2 * 8 * 8 * 8);
    expect(plan?.units).toBe(8);
    expect(blocksOf(plan!, 2).map((t) => [t.start, t.end])).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });

  it('never splits with one thread, nor a matmul of one row', () => {
    expect(planSplit(matmul(8, 8, 8), 1, 0)).toBeUndefined();
    expect(planSplit(matmul(1, 64, 64), 2, 0)).toBeUndefined();
  });

  it('splits conv2d by images when there are enough, by output channels otherwise', () => {
    expect(planSplit(conv(4, 3, 8), 2, 0)?.task.kind).toBe('conv2d-batch');
    expect(planSplit(conv(1, 3, 8), 2, 0)?.task.kind).toBe('conv2d-channels');
  });

  it('leaves launches with a fused epilogue and non-float launches to the backend', () => {
    const withEpilogue: AnyLaunch = { ...matmul(8, 8, 8), epilogue: { expr: { kind: 'acc' }, inputs: [] } };
    expect(planSplit(withEpilogue, 2, 0)).toBeUndefined();
    const ints: AnyLaunch = { ...matmul(8, 8, 8), output: { id: 3, shape: [8, 8], dtype: 'int32' } };
    expect(planSplit(ints, 2, 0)).toBeUndefined();
  });
});
