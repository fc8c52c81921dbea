import type { Conv2dAttrs, PrimitiveOp } from '@loom/graph';
import type { HeapTensor, Range } from '../wasm/heap-tensor.js';
import type { LoadStep } from '../wasm/fused-module.js';
import type { WasmKernels } from '../wasm/wasm-kernels.js';

/** The primitives a launch can be split for by output rows, images or channels. */
export type SplitOp = 'matmul' | 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad';

/**
 * One share of a split matmul / conv launch, as plain data (it is posted to a helper thread): the
 * operands are heap offsets, and `range` counts output rows (matmul), images (conv2d,
 * conv2dInputGrad) or output channels (conv2dFilterGrad). Each share writes only its own part of
 * the output.
 */
export interface GemmTask {
  op: SplitOp;
  inputs: readonly HeapTensor[];
  output: HeapTensor;
  /** Conv2dAttrs for the conv ops, undefined for matmul. */
  conv?: Conv2dAttrs;
  range: Range;
  inPlace?: false;
}

/**
 * A generated fused elementwise kernel as a helper needs it: the compiled module (posted once per
 * helper) and how the output's elements map to runs of `inner` elements (see `RunLayout`).
 */
export interface FusedKernelRegistration {
  id: number;
  module: WebAssembly.Module;
  rows: number;
  inner: number;
  steps: readonly LoadStep[];
  /** Element offset of load j at the start of row r: rowOffsets[r · loads + j]. */
  rowOffsets: Int32Array;
}

/** A range of output elements of a registered fused kernel; `loads` are each load's array, in bytes. */
export interface FusedTask {
  op: 'fused';
  kernel: number;
  out: number;
  loads: readonly number[];
  range: Range;
  /** The kernel reads the elements it writes (an epilogue, or an output reusing an input). */
  inPlace: boolean;
}

/** Output rows (trailing reductions) or columns (leading sums) of a float32 reduction. */
export interface ReduceTask {
  op: 'sumRows' | 'maxRows' | 'sumColumns';
  /** Byte offsets of the rows × cols input and of the output. */
  x: number;
  out: number;
  rows: number;
  cols: number;
  range: Range;
  inPlace?: false;
}

/** One share of a split launch: what a helper thread receives and computes. */
export type KernelTask = GemmTask | FusedTask | ReduceTask;

function isGemmTask(task: GemmTask | ReduceTask): task is GemmTask {
  return isSplitOp(task.op as PrimitiveOp);
}

export function isSplitOp(op: PrimitiveOp): op is SplitOp {
  return op === 'matmul' || op === 'conv2d' || op === 'conv2dInputGrad' || op === 'conv2dFilterGrad';
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** How many units a launch splits into, and its floating-point operations. */
function unitsAndFlops(op: SplitOp, inputs: readonly HeapTensor[], output: HeapTensor): [number, number] {
  if (op === 'matmul') {
    const [a] = inputs;
    const k = a.shape[a.shape.length - 1];
    const rows = product(output.shape.slice(0, -1));
    return [rows, 2 * product(output.shape) * k];
  }
  // conv2d: x·w → y; inputGrad: dy·w → dx; filterGrad: x·dy → dw. Every one costs 2·|y|·(C/g)·kH·kW.
  const w = op === 'conv2dFilterGrad' ? output : inputs[1];
  const y = op === 'conv2d' ? output : op === 'conv2dInputGrad' ? inputs[0] : inputs[1];
  // Units: images of y or dx, or output channels of dw — the output's first axis every time.
  return [output.shape[0], 2 * product(y.shape) * product(w.shape.slice(1))];
}

/**
 * `units` cut into `count` near-equal contiguous ranges whose inner bounds are multiples of
 * `align` (so SIMD loops keep their full-width path), dropping empty ones.
 */
export function cutRanges(units: number, count: number, align = 1): Range[] {
  const ranges: Range[] = [];
  let begin = 0;
  for (let i = 1; i <= count; i++) {
    const end = i === count ? units : Math.min(units, Math.floor((i * units) / count / align) * align);
    if (end > begin) ranges.push([begin, end]);
    begin = Math.max(begin, end);
  }
  return ranges;
}

/**
 * The launch cut into near-equal contiguous shares — `parts` per thread, so threads that get less
 * CPU claim fewer — or undefined when it is too small to be worth splitting (under `minFlops`, or
 * fewer than two units). Filter gradients split by output channel, and every share lowers all the
 * images again, so they get one share per thread.
 */
export function splitKernel(
  op: SplitOp,
  inputs: readonly HeapTensor[],
  output: HeapTensor,
  conv: Conv2dAttrs | undefined,
  threads: number,
  minFlops: number,
  perThread = 4,
): GemmTask[] | undefined {
  const [units, flops] = unitsAndFlops(op, inputs, output);
  if (threads < 2 || units < 2 || flops < minFlops) return undefined;
  const count = Math.min(op === 'conv2dFilterGrad' ? threads : threads * perThread, units);
  return cutRanges(units, count).map((range): GemmTask => ({ op, inputs, output, conv, range }));
}

/** Computes one share with `kernels` (whose scratch is this thread's own). */
export function runKernelTask(kernels: WasmKernels, task: KernelTask): void {
  if (task.op === 'fused') return kernels.fused.runTask(task);
  if (!isGemmTask(task)) return kernels.reduce.runTask(task);
  const { op, inputs, output, conv, range } = task;
  const [a, b] = inputs;
  if (op === 'matmul') return kernels.matmul(a, b, output, range);
  if (!conv) throw new Error(`${op} share without conv attributes`);
  if (op === 'conv2d') return kernels.conv2d(a, b, output, conv, range);
  if (op === 'conv2dInputGrad') return kernels.conv2dInputGrad(a, b, output, conv, range);
  return kernels.conv2dFilterGrad(a, b, output, conv, range);
}
