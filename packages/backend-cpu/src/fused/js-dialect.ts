import type { DType, ExprDialect, LoadExpr } from '@loom/graph';

/**
 * How the CPU backend spells fused expressions: JavaScript over doubles, with int32 arithmetic
 * wrapped (`|0`, `Math.imul`) as the typed arrays of the unfused kernels wrap it, and bools as 0/1.
 * `read` renders a load at the current element; the kernel generator decides the indexing.
 */
export function jsDialect(read: (load: LoadExpr) => string): ExprDialect {
  const wrapInt = (code: string, dtype: DType) => (dtype === 'int32' ? `(${code}|0)` : code);
  return {
    load: (load) => read(load),
    constant: (value) => numberLiteral(value),
    acc: () => 'acc',
    unary: (op, x, dtype) =>
      wrapInt(
        {
          neg: `(-${x})`,
          abs: `Math.abs(${x})`,
          exp: `Math.exp(${x})`,
          log: `Math.log(${x})`,
          sqrt: `Math.sqrt(${x})`,
          sin: `Math.sin(${x})`,
          cos: `Math.cos(${x})`,
          tanh: `Math.tanh(${x})`,
          erf: `erf(${x})`,
        }[op],
        dtype,
      ),
    binary: (op, a, b, dtype) => {
      switch (op) {
        case 'eq':
          return `(${a}===${b}?1:0)`;
        case 'lt':
          return `(${a}<${b}?1:0)`;
        case 'maximum':
          return `max(${a},${b})`;
        case 'minimum':
          return `min(${a},${b})`;
        case 'mul':
          return dtype === 'float32' ? `(${a}*${b})` : `Math.imul(${a},${b})`;
        case 'add':
          return wrapInt(`(${a}+${b})`, dtype);
        case 'sub':
          return wrapInt(`(${a}-${b})`, dtype);
        case 'div':
          return wrapInt(`(${a}/${b})`, dtype);
        case 'pow':
          return wrapInt(`Math.pow(${a},${b})`, dtype);
      }
    },
    where: (cond, _condDType, a, b) => `(${cond}!==0?${a}:${b})`,
    cast: (x, _from, to) => (to === 'bool' ? `(${x}!==0?1:0)` : to === 'int32' ? `(${x}|0)` : x),
    declare: (name, _dtype, code) => `const ${name} = ${code};`,
  };
}

function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return Object.is(value, -0) ? '-0' : `(${String(value)})`;
}
