import { sizeOf } from '@loom/graph';
import { outputWriter } from '../codegen/output-writer.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { wgslType } from '../codegen/wgsl-type.js';
import type { WebGpuKernelTable } from './kernel.js';

// An index outside its axis cannot throw on the GPU: the kernel reads or skips nothing out of
// bounds and records the index in the status buffer, and the backend raises the CPU backend's
// error ("gather: index 7 is out of range …") at the next read.

/** Records `index` as out of range; the tag is filled in per launch by the backend. */
function report(status: string, tag: string, index: string): string {
  return `atomicStore(&${status}[0], ${tag}); atomicStore(&${status}[1], bitcast<u32>(${index}));`;
}

/** out[o, j, i] = x[o, indices[j], i], with x as [outer, size, inner]. */
const gather: WebGpuKernelTable['gather'] = ({ inputs: [x, indices], output, attrs: { axis }, epilogue }) => {
  const size = x.shape[axis];
  const b = new ShaderBuilder();
  const [xs, idx] = [b.input(0, x.dtype), b.input(1, indices.dtype)];
  const store = outputWriter(b, output, epilogue);
  const { status, tag } = b.status({ op: 'gather', axis, size });
  const [inner, count, axisSize] = [b.u32(sizeOf(x.shape.slice(axis + 1))), b.u32(sizeOf(indices.shape)), b.u32(size)];
  const body = [
    `  let in_row = i % ${inner};`,
    `  let j = (i / ${inner}) % ${count};`,
    `  let o = i / (${inner} * ${count});`,
    `  let k = ${idx}[j];`,
    `  var v = ${wgslType(x.dtype)}();`,
    `  if (k < 0 || u32(k) >= ${axisSize}) { ${report(status, tag, 'k')} }`,
    `  else { v = ${xs}[(o * ${axisSize} + u32(k)) * ${inner} + in_row]; }`,
    `  ${store('i', 'v')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

/**
 * The adjoint of gather: out[o, t, i] = Σ over j with indices[j] = t of updates[o, j, i]. One
 * invocation per output element scans the indices, so repeated indices add up without atomics.
 */
const scatterAdd: WebGpuKernelTable['scatterAdd'] = ({ inputs: [updates, indices], output, attrs: { axis, size }, epilogue }) => {
  const b = new ShaderBuilder();
  const [upd, idx] = [b.input(0, updates.dtype), b.input(1, indices.dtype)];
  const store = outputWriter(b, output, epilogue);
  const { status, tag } = b.status({ op: 'scatterAdd', axis, size });
  const inner = b.u32(sizeOf(updates.shape.slice(axis + indices.shape.length)));
  const [count, axisSize] = [b.u32(sizeOf(indices.shape)), b.u32(size)];
  const body = [
    `  let in_row = i % ${inner};`,
    `  let t = (i / ${inner}) % ${axisSize};`,
    `  let o = i / (${inner} * ${axisSize});`,
    `  var acc = ${wgslType(output.dtype)}();`,
    `  for (var j = 0u; j < ${count}; j = j + 1u) {`,
    `    let k = ${idx}[j];`,
    `    if (k < 0 || u32(k) >= ${axisSize}) { ${report(status, tag, 'k')} }`,
    `    else if (u32(k) == t) { acc = acc + ${upd}[(o * ${count} + j) * ${inner} + in_row]; }`,
    '  }',
    `  ${store('i', 'acc')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

export const indexingKernels: Pick<WebGpuKernelTable, 'gather' | 'scatterAdd'> = { gather, scatterAdd };
