import type { DType } from '../dtype.js';
import type { FusedBinaryOp, FusedExpr, FusedUnaryOp } from './fused-expr.js';

export type LoadExpr = Extract<FusedExpr, { kind: 'load' }>;

/**
 * What a target language says differently about a fused expression. The renderer below walks the
 * expression and works out every value's dtype (shared semantics: comparisons give bool, `where`
 * takes its branches' dtype, casts their target's); a dialect only spells the operations. Nothing
 * here is language-specific: the CPU backend's JavaScript and the WebGPU backend's WGSL are dialects.
 */
export interface ExprDialect {
  /** The element a load reads at the current output position. */
  load(expr: LoadExpr, dtype: DType): string;
  constant(value: number, dtype: DType): string;
  /** The base op's result at this element (epilogues only). */
  acc(dtype: DType): string;
  unary(op: FusedUnaryOp, x: string, dtype: DType): string;
  /** `dtype` is the operands' (they share one); eq/lt produce bool. */
  binary(op: FusedBinaryOp, a: string, b: string, dtype: DType): string;
  where(cond: string, condDType: DType, a: string, b: string, dtype: DType): string;
  cast(x: string, from: DType, to: DType): string;
  /** A statement binding `name` to `code`, e.g. `let v3: f32 = …;`. */
  declare(name: string, dtype: DType, code: string): string;
}

export interface RenderedExpr {
  /** Statements to emit before `value` is used, in order. */
  statements: string[];
  /** A name or leaf expression holding the result. */
  value: string;
  dtype: DType;
}

/** The dtype an operation yields from its operands' dtypes. */
export function resultDType(expr: FusedExpr, operand: DType): DType {
  if (expr.kind === 'binary' && (expr.op === 'eq' || expr.op === 'lt')) return 'bool';
  if (expr.kind === 'cast') return expr.dtype;
  return operand;
}

/** The dtype `expr` evaluates to, given its inputs' (and acc's) dtypes. */
export function exprDType(expr: FusedExpr, inputDTypes: readonly DType[], accDType?: DType): DType {
  switch (expr.kind) {
    case 'load':
      return inputDTypes[expr.input];
    case 'const':
      return expr.dtype;
    case 'acc':
      if (accDType === undefined) throw new Error('fused expression reads acc outside an epilogue');
      return accDType;
    case 'unary':
      return exprDType(expr.x, inputDTypes, accDType);
    case 'binary':
      return resultDType(expr, exprDType(expr.a, inputDTypes, accDType));
    case 'where':
      return exprDType(expr.a, inputDTypes, accDType);
    case 'cast':
      return expr.dtype;
  }
}

/**
 * Renders `expr` in single-assignment form: every operation becomes one named value (so deep chains
 * do not nest deeply), leaves (loads, constants, acc) stay inline.
 */
export function renderExpr(
  expr: FusedExpr,
  dialect: ExprDialect,
  inputDTypes: readonly DType[],
  accDType: DType | undefined,
): RenderedExpr {
  const statements: string[] = [];
  let next = 0;
  const named = (dtype: DType, code: string) => {
    const name = `v${next++}`;
    statements.push(dialect.declare(name, dtype, code));
    return { value: name, dtype };
  };
  const walk = (e: FusedExpr): { value: string; dtype: DType } => {
    switch (e.kind) {
      case 'load': {
        const dtype = inputDTypes[e.input];
        if (dtype === undefined) throw new Error(`fused expression loads input ${e.input}, which the launch does not have`);
        return { value: dialect.load(e, dtype), dtype };
      }
      case 'const':
        return { value: dialect.constant(e.value, e.dtype), dtype: e.dtype };
      case 'acc':
        if (accDType === undefined) throw new Error('fused expression reads acc outside an epilogue');
        return { value: dialect.acc(accDType), dtype: accDType };
      case 'unary': {
        const x = walk(e.x);
        return named(x.dtype, dialect.unary(e.op, x.value, x.dtype));
      }
      case 'binary': {
        const a = walk(e.a);
        const b = walk(e.b);
        return named(resultDType(e, a.dtype), dialect.binary(e.op, a.value, b.value, a.dtype));
      }
      case 'where': {
        const c = walk(e.cond);
        const a = walk(e.a);
        const b = walk(e.b);
        return named(a.dtype, dialect.where(c.value, c.dtype, a.value, b.value, a.dtype));
      }
      case 'cast': {
        const x = walk(e.x);
        if (x.dtype === e.dtype) return x;
        return named(e.dtype, dialect.cast(x.value, x.dtype, e.dtype));
      }
    }
  };
  const result = walk(expr);
  return { statements, ...result };
}
