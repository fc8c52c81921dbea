import { sizeOf, stridesOf, type DType } from '@loom/graph';
import type { Dispatch } from '../codegen/dispatch.js';
import { outputWriter } from '../codegen/output-writer.js';
import { MAX_WORKGROUPS_PER_DIMENSION, ShaderBuilder } from '../codegen/shader-builder.js';
import { useMath } from '../codegen/wgsl-math.js';
import { wgslType } from '../codegen/wgsl-type.js';
import type { KernelLaunch, WebGpuKernel, WebGpuKernelTable } from './kernel.js';

type ReduceOp = 'sum' | 'max' | 'prod';

/** Invocations that reduce one output element together, in a tree over workgroup memory. */
const TREE_WIDTH = 64;
/** Reductions at least this long use the tree; shorter ones one invocation per output. */
const TREE_THRESHOLD = 64;

interface Axes {
  sizes: number[];
  strides: number[];
}

/**
 * The input's axes split into kept and reduced ones, size-1 axes dropped and neighbours of the
 * same kind merged (the input is row-major, so a merged run is one axis with its inner stride):
 * [2, 3, 4, 5] reduced over (1, 2) becomes kept [2, 5] and reduced [12].
 */
export function splitAxes(shape: readonly number[], axes: readonly number[]): { kept: Axes; reduced: Axes } {
  const strides = stridesOf(shape);
  const kept: Axes = { sizes: [], strides: [] };
  const reduced: Axes = { sizes: [], strides: [] };
  let previous: Axes | undefined;
  shape.forEach((size, d) => {
    if (size === 1) return;
    const group = axes.includes(d) ? reduced : kept;
    const last = group.sizes.length - 1;
    if (previous === group && last >= 0) {
      group.sizes[last] *= size;
      group.strides[last] = strides[d];
    } else {
      group.sizes.push(size);
      group.strides.push(strides[d]);
    }
    previous = group;
  });
  return { kept, reduced };
}

/** Statements naming `name` the offset that flat index `flat` over `axes` reaches. */
function offsetOf(b: ShaderBuilder, axes: Axes, flat: string, name: string): string[] {
  if (axes.sizes.length === 0) return [`  let ${name} = 0u;`];
  const lines = [`  var ${name}_rest = ${flat};`, `  var ${name} = 0u;`];
  for (let k = axes.sizes.length - 1; k >= 1; k--) {
    const size = b.u32(axes.sizes[k]);
    lines.push(`  ${name} = ${name} + (${name}_rest % ${size}) * ${b.u32(axes.strides[k])};`, `  ${name}_rest = ${name}_rest / ${size};`);
  }
  lines.push(`  ${name} = ${name} + ${name}_rest * ${b.u32(axes.strides[0])};`);
  return lines;
}

function identity(b: ShaderBuilder, op: ReduceOp, dtype: DType): string {
  const type = wgslType(dtype);
  if (op === 'sum') return `${type}(0)`;
  if (op === 'prod') return `${type}(1)`;
  if (dtype === 'float32') return `-${useMath(b, 'loom_inf')}()`;
  return dtype === 'int32' ? 'i32(-2147483647 - 1)' : '0u';
}

/** NaN wins a max, as on the CPU. */
function combine(b: ShaderBuilder, op: ReduceOp, dtype: DType, acc: string, x: string): string {
  if (op === 'sum') return `${acc} + ${x}`;
  if (op === 'prod') return `${acc} * ${x}`;
  return dtype === 'float32' ? `${useMath(b, 'loom_max')}(${acc}, ${x})` : `max(${acc}, ${x})`;
}

/** A bool result keeps its low byte, as a Uint8Array store does. */
function finish(dtype: DType, value: string): string {
  return dtype === 'bool' ? `(${value} & 255u)` : value;
}

function reduction(op: ReduceOp): WebGpuKernel<ReduceOp> {
  return (launch) => [reduceDispatch(op, launch)];
}

function reduceDispatch(op: ReduceOp, { inputs: [x], output, attrs: { axes }, epilogue }: KernelLaunch<ReduceOp>): Dispatch {
  const { kept, reduced } = splitAxes(x.shape, axes);
  const length = sizeOf(reduced.sizes);
  const count = sizeOf(output.shape);
  const b = new ShaderBuilder();
  const input = b.input(0, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const type = wgslType(x.dtype);
  const init = identity(b, op, x.dtype);
  const n = b.u32(length);
  if (length < TREE_THRESHOLD) {
    const body = [
      ...offsetOf(b, kept, 'i', 'base'),
      `  var acc: ${type} = ${init};`,
      `  for (var r = 0u; r < ${n}; r = r + 1u) {`,
      ...offsetOf(b, reduced, 'r', 'at').map((l) => `  ${l}`),
      `    acc = ${combine(b, op, x.dtype, 'acc', `${input}[base + at]`)};`,
      '  }',
      `  ${store('i', finish(x.dtype, 'acc'))}`,
    ];
    return b.buildElementwise(count, body.join('\n'));
  }
  b.workgroupVar(`part: array<${type}, ${TREE_WIDTH}>`);
  const body = [
    '  let o = wid.y * nwg.x + wid.x;',
    `  if (o >= ${b.u32(count)}) { return; }`,
    ...offsetOf(b, kept, 'o', 'base'),
    `  var acc: ${type} = ${init};`,
    `  for (var r = li; r < ${n}; r = r + ${TREE_WIDTH}u) {`,
    ...offsetOf(b, reduced, 'r', 'at').map((l) => `  ${l}`),
    `    acc = ${combine(b, op, x.dtype, 'acc', `${input}[base + at]`)};`,
    '  }',
    '  part[li] = acc;',
    '  workgroupBarrier();',
    `  for (var s = ${TREE_WIDTH / 2}u; s > 0u; s = s >> 1u) {`,
    `    if (li < s) { part[li] = ${combine(b, op, x.dtype, 'part[li]', 'part[li + s]')}; }`,
    '    workgroupBarrier();',
    '  }',
    `  if (li == 0u) { ${store('o', finish(x.dtype, 'part[0]'))} }`,
  ];
  const x0 = Math.min(count, MAX_WORKGROUPS_PER_DIMENSION);
  return b.build(body.join('\n'), [TREE_WIDTH, 1, 1], [x0, Math.ceil(count / x0), 1]);
}

/**
 * The index of the first maximum along `axis` (int32); a NaN counts as the maximum. One
 * invocation per output element walks the axis.
 */
const argmax: WebGpuKernel<'argmax'> = ({ inputs: [x], output, attrs: { axis }, epilogue }) => {
  const b = new ShaderBuilder();
  const input = b.input(0, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const inner = b.u32(sizeOf(x.shape.slice(axis + 1)));
  const size = b.u32(x.shape[axis]);
  const isNan = x.dtype === 'float32' ? useMath(b, 'loom_isnan') : undefined;
  const better = isNan ? `v > best || (${isNan}(v) && !${isNan}(best))` : 'v > best';
  const body = [
    `  let base = (i / ${inner}) * ${size} * ${inner} + i % ${inner};`,
    `  var index = 0;`,
    `  var best = ${input}[base];`,
    `  for (var k = 1u; k < ${size}; k = k + 1u) {`,
    `    let v = ${input}[base + k * ${inner}];`,
    `    if (${better}) { best = v; index = i32(k); }`,
    '  }',
    `  ${store('i', 'index')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

export const reduceKernels: Pick<WebGpuKernelTable, 'sum' | 'max' | 'prod' | 'argmax'> = {
  sum: reduction('sum'),
  max: reduction('max'),
  prod: reduction('prod'),
  argmax,
};
