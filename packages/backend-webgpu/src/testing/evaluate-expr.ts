import { sizeOf, type FusedExpr } from '@loom/graph';

/** Evaluates a fused expression over an output of `shape` in float64, as a test oracle. */
export function evaluateExpr(expr: FusedExpr, inputs: readonly Float64Array[], shape: readonly number[]): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const index = new Array<number>(shape.length).fill(0);
  const at = (e: FusedExpr): number => {
    switch (e.kind) {
      case 'load':
        return inputs[e.input][e.view.offset + index.reduce((s, c, d) => s + c * e.view.strides[d], 0)];
      case 'const':
        return e.value;
      case 'unary':
        return e.op === 'neg' ? -at(e.x) : e.op === 'abs' ? Math.abs(at(e.x)) : Math[e.op === 'erf' ? 'tanh' : e.op](at(e.x));
      case 'binary': {
        const [a, b] = [at(e.a), at(e.b)];
        const ops = { add: a + b, sub: a - b, mul: a * b, div: a / b, pow: a ** b, maximum: Math.max(a, b), minimum: Math.min(a, b), eq: Number(a === b), lt: Number(a < b) };
        return ops[e.op];
      }
      case 'where':
        return at(e.cond) !== 0 ? at(e.a) : at(e.b);
      case 'cast':
        return at(e.x);
      case 'acc':
        throw new Error('evaluateExpr: acc is only defined in epilogues');
    }
  };
  for (let i = 0; i < out.length; i++) {
    let rest = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
    }
    out[i] = at(expr);
  }
  return out;
}
