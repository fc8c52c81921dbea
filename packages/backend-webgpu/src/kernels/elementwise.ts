import type { FusedBinaryOp, FusedExpr, FusedUnaryOp, PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import { fusedDispatch, loadInput, withEpilogue, withEpilogueInputs } from './fused.js';
import type { KernelArg, WebGpuKernel, WebGpuKernelTable } from './kernel.js';

// Elementwise primitives are fused expressions of contiguous loads: one code generator serves the
// scheduler's fused kernels, these primitives and the movement ops that are strided reads.

/** A kernel generating `expr(attrs, inputs)`, with the launch's epilogue (if any) folded in. */
export function exprKernel<Op extends PrimitiveOp>(
  expr: (attrs: PrimitiveAttrs[Op], inputs: readonly KernelArg[]) => FusedExpr,
): WebGpuKernel<Op> {
  return ({ inputs, output, attrs, epilogue }) => {
    const base = expr(attrs, inputs);
    return [fusedDispatch(withEpilogue(base, inputs.length, epilogue), withEpilogueInputs(inputs, epilogue), output)];
  };
}

const unary = (op: FusedUnaryOp) =>
  exprKernel<FusedUnaryOp>((_, [x]) => ({ kind: 'unary', op, x: loadInput(0, x.shape) }));

const binary = (op: FusedBinaryOp) =>
  exprKernel<FusedBinaryOp>((_, [a, b]) => ({ kind: 'binary', op, a: loadInput(0, a.shape), b: loadInput(1, b.shape) }));

export const elementwiseKernels: Pick<WebGpuKernelTable, FusedUnaryOp | FusedBinaryOp | 'cast' | 'where'> = {
  neg: unary('neg'),
  exp: unary('exp'),
  log: unary('log'),
  sqrt: unary('sqrt'),
  sin: unary('sin'),
  cos: unary('cos'),
  tanh: unary('tanh'),
  abs: unary('abs'),
  erf: unary('erf'),
  cast: exprKernel<'cast'>(({ dtype }, [x]) => ({ kind: 'cast', dtype, x: loadInput(0, x.shape) })),
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  div: binary('div'),
  pow: binary('pow'),
  maximum: binary('maximum'),
  minimum: binary('minimum'),
  eq: binary('eq'),
  lt: binary('lt'),
  where: exprKernel<'where'>((_, [c, a, b]) => ({
    kind: 'where',
    cond: loadInput(0, c.shape),
    a: loadInput(1, a.shape),
    b: loadInput(2, b.shape),
  })),
};
