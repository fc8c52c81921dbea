import { renderExpr, sizeOf, stridesOf, type FusedExpr, type View } from '@loom/graph';
import type { Dispatch } from '../codegen/dispatch.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { StridedIndex } from '../codegen/strided-index.js';
import { convert, WgslDialect } from '../codegen/wgsl-dialect.js';
import type { KernelArg, KernelEpilogue } from './kernel.js';

/** The view of a buffer read in its own row-major layout. */
export function contiguousView(shape: readonly number[]): View {
  return { strides: stridesOf(shape), offset: 0 };
}

/** A load of input `input` (of `shape`) in its own layout. */
export function loadInput(input: number, shape: readonly number[]): FusedExpr {
  return { kind: 'load', input, view: contiguousView(shape) };
}

/**
 * A generated elementwise kernel: one invocation per output element evaluates `expr`, reading its
 * inputs through their strided views.
 */
export function fusedDispatch(expr: FusedExpr, inputs: readonly KernelArg[], output: KernelArg): Dispatch {
  const b = new ShaderBuilder();
  const index = new StridedIndex(b, output.shape, 'i');
  const dialect = new WgslDialect(b, (load, dtype) => `${b.input(load.input, dtype)}[${index.offset(load.view)}]`);
  const rendered = renderExpr(expr, dialect, inputs.map((a) => a.dtype), undefined);
  const out = b.output(output.dtype);
  const body = [
    ...index.statements(),
    ...rendered.statements,
    `  ${out}[i] = ${convert(b, rendered.value, rendered.dtype, output.dtype)};`,
  ];
  return b.buildElementwise(sizeOf(output.shape), body.join('\n'));
}

/**
 * `epilogue` applied to `base`: its `acc` replaced by `base`, its loads renumbered past the
 * `baseInputs` inputs `base` reads. An elementwise launch and its epilogue become one kernel.
 */
export function withEpilogue(base: FusedExpr, baseInputs: number, epilogue: KernelEpilogue | undefined): FusedExpr {
  if (!epilogue) return base;
  const substitute = (e: FusedExpr): FusedExpr => {
    switch (e.kind) {
      case 'acc':
        return base;
      case 'load':
        return { ...e, input: e.input + baseInputs };
      case 'const':
        return e;
      case 'unary':
      case 'cast':
        return { ...e, x: substitute(e.x) };
      case 'binary':
        return { ...e, a: substitute(e.a), b: substitute(e.b) };
      case 'where':
        return { ...e, cond: substitute(e.cond), a: substitute(e.a), b: substitute(e.b) };
    }
  };
  return substitute(epilogue.expr);
}

/** Inputs of a launch followed by its epilogue's, matching `withEpilogue`'s numbering. */
export function withEpilogueInputs(inputs: readonly KernelArg[], epilogue: KernelEpilogue | undefined): KernelArg[] {
  return [...inputs, ...(epilogue?.inputs ?? [])];
}
