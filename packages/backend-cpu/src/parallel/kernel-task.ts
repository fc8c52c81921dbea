import type { Conv2dAttrs, PrimitiveOp } from '@loom/graph';
import type { HeapTensor, Range } from '../wasm/heap-tensor.js';
import type { WasmKernels } from '../wasm/wasm-kernels.js';

/** The primitives a launch can be split for: each WASM kernel takes a range of its output. */
export type SplitOp = 'matmul' | 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad';

/**
 * One share of a split launch, as plain data (it is posted to a helper thread): the operands are
 * heap offsets, and `range` counts output rows (matmul), images (conv2d, conv2dInputGrad) or
 * output channels (conv2dFilterGrad). Each share writes only its own part of the output.
 */
export interface KernelTask {
  op: SplitOp;
  inputs: readonly HeapTensor[];
  output: HeapTensor;
  /** Conv2dAttrs for the conv ops, undefined for matmul. */
  conv?: Conv2dAttrs;
  range: Range;
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
): KernelTask[] | undefined {
  const [units, flops] = unitsAndFlops(op, inputs, output);
  if (threads < 2 || units < 2 || flops < minFlops) return undefined;
  const count = Math.min(op === 'conv2dFilterGrad' ? threads : threads * perThread, units);
  return Array.from({ length: count }, (_, i): KernelTask => ({
    op,
    inputs,
    output,
    conv,
    range: [Math.floor((i * units) / count), Math.floor(((i + 1) * units) / count)],
  }));
}

/** Computes one share with `kernels` (whose scratch is this thread's own). */
export function runKernelTask(kernels: WasmKernels, { op, inputs, output, conv, range }: KernelTask): void {
  const [a, b] = inputs;
  if (op === 'matmul') return kernels.matmul(a, b, output, range);
  if (!conv) throw new Error(`${op} share without conv attributes`);
  if (op === 'conv2d') return kernels.conv2d(a, b, output, conv, range);
  if (op === 'conv2dInputGrad') return kernels.conv2dInputGrad(a, b, output, conv, range);
  return kernels.conv2dFilterGrad(a, b, output, conv, range);
}
