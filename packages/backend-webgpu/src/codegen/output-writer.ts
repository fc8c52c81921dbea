import type { KernelArg, KernelEpilogue } from '../kernels/kernel.js';
import { renderExpr } from '@loom/graph';
import type { ShaderBuilder } from './shader-builder.js';
import { StridedIndex } from './strided-index.js';
import { convert, WgslDialect } from './wgsl-dialect.js';
import { wgslType } from './wgsl-type.js';

/** Renders the statement that stores `value` (of the output's WGSL type) at flat index `index`. */
export type StoreOutput = (index: string, value: string) => string;

/**
 * Declares the output buffer of a kernel and returns how to store into it. With an epilogue the
 * store becomes a generated function evaluating it at that element, `acc` being the value, so a
 * matmul + bias + relu writes its output once.
 */
export function outputWriter(b: ShaderBuilder, output: KernelArg, epilogue: KernelEpilogue | undefined): StoreOutput {
  const out = b.output(output.dtype);
  if (!epilogue) return (index, value) => `${out}[${index}] = ${value};`;
  const type = wgslType(output.dtype);
  const index = new StridedIndex(b, output.shape, 'i', 'e');
  const dialect = new WgslDialect(b, (load, dtype) => `${b.epilogueInput(load.input, dtype)}[${index.offset(load.view)}]`);
  const rendered = renderExpr(epilogue.expr, dialect, epilogue.inputs.map((a) => a.dtype), output.dtype);
  const result = convert(b, rendered.value, rendered.dtype, output.dtype);
  b.helper(
    'store_out',
    [`fn store_out(i: u32, acc: ${type}) {`, ...index.statements(), ...rendered.statements, `  ${out}[i] = ${result};`, '}'].join('\n'),
  );
  return (index, value) => `store_out(${index}, ${value});`;
}
