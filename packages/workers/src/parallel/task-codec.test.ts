import { describe, expect, it } from 'vitest';
import type { BlockTask } from './block-task.js';
import { TASK_INTS, decodeTask, encodeTask } from './task-codec.js';

const tasks: BlockTask[] = [
  { kind: 'matmul', batch: 3, m: 5, k: 7, n: 11, start: 2, end: 9 },
  {
    kind: 'conv2d-channels',
    x: [1, 3, 8, 9],
    w: [6, 3, 3, 2],
    out: [1, 6, 4, 5],
    attrs: { stride: [2, 1], padding: [1, 0, 2, 1], dilation: [1, 2], groups: 1 },
    start: 1,
    end: 4,
  },
];

describe('task codec', () => {
  it.each(tasks)('reads back the $kind task it wrote', (task) => {
    const ints = new Int32Array(4 + TASK_INTS);
    encodeTask(task, ints, 4);
    expect(decodeTask(ints, 4)).toEqual(task);
  });
});
