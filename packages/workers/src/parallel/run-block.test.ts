import { cpuKernels } from '@loom/backend-cpu';
import type { Conv2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { blockRanges } from './split-plan.js';
import { runBlock } from './run-block.js';
import type { BlockTask, Shape4 } from './block-task.js';

function values(length: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** Runs `task` as `parts` blocks into one output, as the team does. */
function inBlocks(task: BlockTask, parts: number, a: Float32Array, b: Float32Array, outLength: number): Float32Array {
  const out = new Float32Array(outLength).fill(Number.NaN);
  for (const [start, end] of blockRanges(task.end, parts)) runBlock({ ...task, start, end }, { a, b, out });
  return out;
}

describe('runBlock', () => {
  it('computes batched matmul rows in blocks that cross batch boundaries, equal to the whole kernel', () => {
    const [batch, m, k, n] = [3, 5, 4, 6];
    const a = values(batch * m * k, 1);
    const b = values(batch * k * n, 2);
    const want = new Float32Array(batch * m * n);
    cpuKernels.matmul(
      [
        { data: a, shape: [batch, m, k], dtype: 'float32' },
        { data: b, shape: [batch, k, n], dtype: 'float32' },
      ],
      { data: want, shape: [batch, m, n], dtype: 'float32' },
      {},
    );
    const task: BlockTask = { kind: 'matmul', batch, m, k, n, start: 0, end: batch * m };
    expect(inBlocks(task, 4, a, b, want.length)).toEqual(want);
  });

  const attrs: Conv2dAttrs = { stride: [2, 1], padding: [1, 1, 0, 2], dilation: [1, 2], groups: 1 };
  const x: Shape4 = [3, 2, 7, 6];
  const w: Shape4 = [5, 2, 3, 2];
  const out: Shape4 = [3, 5, 4, 8];

  function wholeConv(xs: Float32Array, ws: Float32Array): Float32Array {
    const want = new Float32Array(out.reduce((p, d) => p * d, 1));
    cpuKernels.conv2d(
      [
        { data: xs, shape: x, dtype: 'float32' },
        { data: ws, shape: w, dtype: 'float32' },
      ],
      { data: want, shape: out, dtype: 'float32' },
      attrs,
    );
    return want;
  }

  it.each(['conv2d-batch', 'conv2d-channels'] as const)('computes %s blocks equal to the whole conv2d', (kind) => {
    const xs = values(x.reduce((p, d) => p * d, 1), 3);
    const ws = values(w.reduce((p, d) => p * d, 1), 4);
    const want = wholeConv(xs, ws);
    const units = kind === 'conv2d-batch' ? x[0] : out[1];
    expect(inBlocks({ kind, x, w, out, attrs, start: 0, end: units }, 2, xs, ws, want.length)).toEqual(want);
  });
});
