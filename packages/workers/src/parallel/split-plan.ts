import { sizeOf, type ProgramStep } from '@loom/graph';
import { shape4, withRange, type BlockTask } from './block-task.js';

/** A launch worth splitting: the whole task (range = all units) and what it costs. */
export interface SplitPlan {
  task: BlockTask;
  /** Rows, images or channels the task's range counts. */
  units: number;
  flops: number;
  /** Float32 elements of the first input, the second input and the output. */
  sizes: readonly [number, number, number];
}

/**
 * Decides whether a program step is split across threads: only float32 matmul and conv2d launches
 * without a fused epilogue (their inputs and output can be copied as flat arrays), at least
 * `minFlops` of work, and at least two units of work to share.
 */
export function planSplit(step: ProgramStep, threads: number, minFlops: number): SplitPlan | undefined {
  if (threads < 2 || step.kind !== 'launch' || step.epilogue) return undefined;
  const [first, second] = step.inputs;
  const { output } = step;
  if (!first || !second || [first, second, output].some((ref) => ref.dtype !== 'float32')) return undefined;
  const sizes = [sizeOf(first.shape), sizeOf(second.shape), sizeOf(output.shape)] as const;
  let plan: SplitPlan | undefined;
  if (step.op === 'matmul') {
    const rank = first.shape.length;
    const m = first.shape[rank - 2];
    const k = first.shape[rank - 1];
    const n = second.shape[rank - 1];
    const batch = sizeOf(first.shape.slice(0, rank - 2));
    const units = batch * m;
    plan = { task: { kind: 'matmul', batch, m, k, n, start: 0, end: units }, units, flops: 2 * units * k * n, sizes };
  } else if (step.op === 'conv2d') {
    const x = shape4(first.shape);
    const w = shape4(second.shape);
    const out = shape4(output.shape);
    const flops = 2 * sizeOf(out) * w[1] * w[2] * w[3];
    const byChannel = x[0] < threads && step.attrs.groups === 1 && out[1] > x[0];
    const units = byChannel ? out[1] : x[0];
    const kind = byChannel ? 'conv2d-channels' : 'conv2d-batch';
    plan = { task: { kind, x, w, out, attrs: step.attrs, start: 0, end: units }, units, flops, sizes };
  }
  if (!plan || plan.units < 2 || plan.flops < minFlops) return undefined;
  return plan;
}

/** Splits units [0, units) into at most `parts` contiguous blocks of near-equal size. */
export function blockRanges(units: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, units));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) ranges.push([Math.floor((i * units) / count), Math.floor(((i + 1) * units) / count)]);
  return ranges;
}

/** The plan's task cut into one block per thread. */
export function blocksOf(plan: SplitPlan, threads: number): BlockTask[] {
  return blockRanges(plan.units, threads).map(([start, end]) => withRange(plan.task, start, end));
}
