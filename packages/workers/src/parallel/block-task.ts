import type { Conv2dAttrs } from '@loom/graph';

/**
 * One block of a split launch. Operands sit at offset 0 of the shared scratch arrays (`a` is the
 * first input, `b` the second, `out` the output); a block writes only its own part of `out`.
 *
 * - `matmul`: rows [start, end) of the flattened [batch · m] rows of a [...batch, m, k] × [...batch, k, n].
 * - `conv2d-batch`: images [start, end) of an NCHW input.
 * - `conv2d-channels`: output channels [start, end) of every image (groups = 1 only).
 */
export type BlockTask =
  | { kind: 'matmul'; batch: number; m: number; k: number; n: number; start: number; end: number }
  | { kind: 'conv2d-batch'; x: Shape4; w: Shape4; out: Shape4; attrs: Conv2dAttrs; start: number; end: number }
  | { kind: 'conv2d-channels'; x: Shape4; w: Shape4; out: Shape4; attrs: Conv2dAttrs; start: number; end: number };

export type Shape4 = readonly [number, number, number, number];

export function shape4(shape: readonly number[]): Shape4 {
  if (shape.length !== 4) throw new Error(`expected a rank-4 shape, got [${shape.join(', ')}]`);
  return [shape[0], shape[1], shape[2], shape[3]];
}

/** The same task restricted to units [start, end). */
export function withRange(task: BlockTask, start: number, end: number): BlockTask {
  return { ...task, start, end };
}
