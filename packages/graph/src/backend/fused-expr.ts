import type { DType } from '../dtype.js';

/** Elementwise ops a fused kernel can contain; they are exactly the elementwise primitives. */
export type FusedUnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'abs' | 'erf';
export type FusedBinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'lt';

/**
 * How a fused kernel reads one input buffer: the element at output multi-index i is
 * `buffer[offset + Σ i[d] · strides[d]]`. Broadcasts have stride 0, permutes permute the strides
 * and slices move the offset, so movement ops cost nothing inside a fused kernel.
 */
export interface View {
  strides: readonly number[];
  offset: number;
}

/**
 * The computation of one output element of a fused kernel, as plain data (it crosses threads and
 * feeds each backend's code generator). `acc` is the value the kernel's base op (matmul, conv2d,
 * a reduction) produced at this element, in epilogues.
 */
export type FusedExpr =
  | { kind: 'load'; input: number; view: View }
  | { kind: 'const'; value: number; dtype: DType }
  | { kind: 'acc' }
  | { kind: 'unary'; op: FusedUnaryOp; x: FusedExpr }
  | { kind: 'binary'; op: FusedBinaryOp; a: FusedExpr; b: FusedExpr }
  | { kind: 'where'; cond: FusedExpr; a: FusedExpr; b: FusedExpr }
  | { kind: 'cast'; dtype: DType; x: FusedExpr };

/** Row-major strides and offset 0: the view of a buffer read in its own layout. */
export function isContiguous(view: View, shape: readonly number[]): boolean {
  if (view.offset !== 0) return false;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && view.strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** A stable text key for an expression, so backends compile each distinct kernel once. */
export function exprKey(expr: FusedExpr): string {
  switch (expr.kind) {
    case 'load':
      return `in${expr.input}[${expr.view.offset};${expr.view.strides.join(',')}]`;
    case 'const':
      return `c(${expr.value})`;
    case 'acc':
      return 'acc';
    case 'unary':
      return `${expr.op}(${exprKey(expr.x)})`;
    case 'binary':
      return `${expr.op}(${exprKey(expr.a)},${exprKey(expr.b)})`;
    case 'where':
      return `where(${exprKey(expr.cond)},${exprKey(expr.a)},${exprKey(expr.b)})`;
    case 'cast':
      return `${expr.dtype}(${exprKey(expr.x)})`;
  }
}
