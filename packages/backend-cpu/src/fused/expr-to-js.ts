import type { DType, FusedExpr } from '@loom/graph';

export type LoadExpr = Extract<FusedExpr, { kind: 'load' }>;

/**
 * Renders a fused expression as a JavaScript expression. `load` renders the read of one load at the
 * current element; `acc` is the base op's value (epilogues). Int32 arithmetic wraps as the
 * typed arrays of the unfused kernels do; floats compute in double and round once on store.
 */
export function exprToJs(
  expr: FusedExpr,
  inputDTypes: readonly DType[],
  accDType: DType,
  load: (expr: LoadExpr) => string,
): { code: string; dtype: DType } {
  switch (expr.kind) {
    case 'load':
      return { code: load(expr), dtype: inputDTypes[expr.input] };
    case 'const':
      return { code: numberLiteral(expr.value), dtype: expr.dtype };
    case 'acc':
      return { code: 'acc', dtype: accDType };
    case 'unary': {
      const x = exprToJs(expr.x, inputDTypes, accDType, load);
      const code = {
        neg: `(-${x.code})`,
        abs: `Math.abs(${x.code})`,
        exp: `Math.exp(${x.code})`,
        log: `Math.log(${x.code})`,
        sqrt: `Math.sqrt(${x.code})`,
        sin: `Math.sin(${x.code})`,
        cos: `Math.cos(${x.code})`,
        tanh: `Math.tanh(${x.code})`,
        erf: `erf(${x.code})`,
      }[expr.op];
      return { code: x.dtype === 'int32' ? `(${code}|0)` : code, dtype: x.dtype };
    }
    case 'binary': {
      const a = exprToJs(expr.a, inputDTypes, accDType, load);
      const b = exprToJs(expr.b, inputDTypes, accDType, load);
      if (expr.op === 'eq') return { code: `(${a.code}===${b.code}?1:0)`, dtype: 'bool' };
      if (expr.op === 'lt') return { code: `(${a.code}<${b.code}?1:0)`, dtype: 'bool' };
      const int = a.dtype !== 'float32';
      const code = {
        add: `(${a.code}+${b.code})`,
        sub: `(${a.code}-${b.code})`,
        mul: int ? `Math.imul(${a.code},${b.code})` : `(${a.code}*${b.code})`,
        div: `(${a.code}/${b.code})`,
        pow: `Math.pow(${a.code},${b.code})`,
        maximum: `max(${a.code},${b.code})`,
        minimum: `min(${a.code},${b.code})`,
      }[expr.op];
      return { code: int && expr.op !== 'maximum' && expr.op !== 'minimum' ? `(${code}|0)` : code, dtype: a.dtype };
    }
    case 'where': {
      const c = exprToJs(expr.cond, inputDTypes, accDType, load);
      const a = exprToJs(expr.a, inputDTypes, accDType, load);
      const b = exprToJs(expr.b, inputDTypes, accDType, load);
      return { code: `(${c.code}!==0?${a.code}:${b.code})`, dtype: a.dtype };
    }
    case 'cast': {
      const x = exprToJs(expr.x, inputDTypes, accDType, load);
      if (expr.dtype === 'bool') return { code: `(${x.code}!==0?1:0)`, dtype: 'bool' };
      if (expr.dtype === 'int32') return { code: `(${x.code}|0)`, dtype: 'int32' };
      return { code: x.code, dtype: 'float32' };
    }
  }
}

function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return Object.is(value, -0) ? '-0' : `(${String(value)})`;
}
