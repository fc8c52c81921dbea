import { sizeOf, stridesOf } from '@loom/graph';
import type { Dispatch } from '../codegen/dispatch.js';
import { outputWriter } from '../codegen/output-writer.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { StridedIndex } from '../codegen/strided-index.js';
import { wgslType } from '../codegen/wgsl-type.js';
import { exprKernel } from './elementwise.js';
import type { KernelArg, KernelEpilogue, WebGpuKernel, WebGpuKernelTable } from './kernel.js';

// reshape, permute, expand and slice are strided reads of their input: fused loads through a view.

/** Row-major data does not change: the output reads the input in its own order. */
const reshape = exprKernel<'reshape'>(({ shape }) => ({ kind: 'load', input: 0, view: { strides: stridesOf(shape), offset: 0 } }));

/** Output axis i is input axis perm[i]. */
const permute = exprKernel<'permute'>(({ perm }, [x]) => {
  const strides = stridesOf(x.shape);
  return { kind: 'load', input: 0, view: { strides: perm.map((axis) => strides[axis]), offset: 0 } };
});

/** A size-1 axis that grows is read with stride 0. */
const expand = exprKernel<'expand'>((_, [x]) => ({
  kind: 'load',
  input: 0,
  view: { strides: stridesOf(x.shape).map((s, axis) => (x.shape[axis] === 1 ? 0 : s)), offset: 0 },
}));

const slice = exprKernel<'slice'>(({ begin }, [x]) => {
  const strides = stridesOf(x.shape);
  return { kind: 'load', input: 0, view: { strides, offset: begin.reduce((sum, b, axis) => sum + b * strides[axis], 0) } };
});

/** Each output element reads the input element `pads[d][0]` before it on every axis, or `value`. */
const pad: WebGpuKernel<'pad'> = ({ inputs: [x], output, attrs: { pads, value }, epilogue }) => {
  const b = new ShaderBuilder();
  const index = new StridedIndex(b, output.shape, 'i');
  const input = b.input(0, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const strides = stridesOf(x.shape);
  const inside: string[] = [];
  const offset: string[] = [];
  output.shape.forEach((_, d) => {
    if (x.shape[d] === output.shape[d]) {
      if (x.shape[d] !== 1) offset.push(`${index.coordinate(d)} * ${b.u32(strides[d])}`);
      return;
    }
    // Unsigned wrap-around: a coordinate before the padding becomes huge and fails the bound.
    const c = `(${index.coordinate(d)} - ${b.u32(pads[d][0])})`;
    inside.push(`${c} < ${b.u32(x.shape[d])}`);
    if (x.shape[d] !== 1) offset.push(`${c} * ${b.u32(strides[d])}`);
  });
  const fill = b.constant(value, x.dtype);
  const read = `${input}[${offset.length ? offset.join(' + ') : '0u'}]`;
  const body = [
    ...index.statements(),
    `  var v: ${wgslType(x.dtype)} = ${fill};`,
    inside.length ? `  if (${inside.join(' && ')}) { v = ${read}; }` : `  v = ${read};`,
    `  ${store('i', 'v')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

/**
 * Seen as [outer, axis · inner], the output is each input's block laid side by side: one dispatch
 * per input copies its elements to their place (so any number of inputs fits the binding limits).
 */
const concat: WebGpuKernel<'concat'> = ({ inputs, output, attrs: { axis }, epilogue }) => {
  const rowLength = sizeOf(output.shape.slice(axis));
  let column = 0;
  return inputs.flatMap((x, k): Dispatch[] => {
    const block = sizeOf(x.shape.slice(axis));
    const start = column;
    column += block;
    if (sizeOf(x.shape) === 0) return [];
    return [copyBlock(k, x, output, block, rowLength, start, epilogue)];
  });
};

function copyBlock(
  k: number,
  x: KernelArg,
  output: KernelArg,
  block: number,
  rowLength: number,
  column: number,
  epilogue: KernelEpilogue | undefined,
): Dispatch {
  const b = new ShaderBuilder();
  const input = b.input(k, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const blockSize = b.u32(block);
  const body = [
    `  let o = i / ${blockSize};`,
    `  let dst = o * ${b.u32(rowLength)} + ${b.u32(column)} + (i - o * ${blockSize});`,
    `  ${store('dst', `${input}[i]`)}`,
  ];
  return b.buildElementwise(sizeOf(x.shape), body.join('\n'));
}

export const movementKernels: Pick<WebGpuKernelTable, 'reshape' | 'permute' | 'expand' | 'slice' | 'pad' | 'concat'> = {
  reshape,
  permute,
  expand,
  slice,
  pad,
  concat,
};
