import type { Conv2dAttrs } from '@loom/graph';
import { shape4, type BlockTask, type Shape4 } from './block-task.js';

// A block task as integers, so it can be written into a helper's control block and read back on
// the other thread without a message. Layout: kind, start, end, then the kind's fields.

const KIND_CODES = { matmul: 1, 'conv2d-batch': 2, 'conv2d-channels': 3 } as const satisfies Record<
  BlockTask['kind'],
  number
>;

/** Integers a task needs at most: 3 + 3 shapes of 4 + 9 conv attrs. */
export const TASK_INTS = 32;

export function encodeTask(task: BlockTask, into: Int32Array, at: number): void {
  const fields: number[] = [KIND_CODES[task.kind], task.start, task.end];
  if (task.kind === 'matmul') fields.push(task.batch, task.m, task.k, task.n);
  else fields.push(...task.x, ...task.w, ...task.out, ...encodeConvAttrs(task.attrs));
  if (fields.length > TASK_INTS) throw new Error(`task needs ${fields.length} ints, the block has ${TASK_INTS}`);
  into.set(fields, at);
}

export function decodeTask(from: Int32Array, at: number): BlockTask {
  const field = (i: number): number => from[at + i];
  const kind = field(0);
  const start = field(1);
  const end = field(2);
  if (kind === KIND_CODES.matmul) return { kind: 'matmul', start, end, batch: field(3), m: field(4), k: field(5), n: field(6) };
  const shapeAt = (i: number): Shape4 => shape4([field(i), field(i + 1), field(i + 2), field(i + 3)]);
  const conv = { start, end, x: shapeAt(3), w: shapeAt(7), out: shapeAt(11), attrs: decodeConvAttrs(from, at + 15) };
  if (kind === KIND_CODES['conv2d-batch']) return { kind: 'conv2d-batch', ...conv };
  if (kind === KIND_CODES['conv2d-channels']) return { kind: 'conv2d-channels', ...conv };
  throw new Error(`unknown block task kind ${kind}`);
}

function encodeConvAttrs({ stride, padding, dilation, groups }: Conv2dAttrs): number[] {
  return [...stride, ...padding, ...dilation, groups];
}

function decodeConvAttrs(from: Int32Array, at: number): Conv2dAttrs {
  const f = (i: number): number => from[at + i];
  return { stride: [f(0), f(1)], padding: [f(2), f(3), f(4), f(5)], dilation: [f(6), f(7)], groups: f(8) };
}
