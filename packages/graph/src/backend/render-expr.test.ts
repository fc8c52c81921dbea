import type { DType } from '../dtype.js';
import type { FusedExpr } from './fused-expr.js';
import { describe, expect, it } from 'vitest';
import { exprDType, renderExpr, type ExprDialect } from './render-expr.js';

/** A dialect that spells operations as calls, so the tests read the renderer's structure. */
const calls: ExprDialect = {
  load: (e) => `in${e.input}`,
  constant: (v) => String(v),
  acc: () => 'acc',
  unary: (op, x) => `${op}(${x})`,
  binary: (op, a, b) => `${op}(${a}, ${b})`,
  where: (c, _, a, b) => `where(${c}, ${a}, ${b})`,
  cast: (x, from, to) => `${from}->${to}(${x})`,
  declare: (name, dtype, code) => `${name}: ${dtype} = ${code}`,
};

const load = (input: number): FusedExpr => ({ kind: 'load', input, view: { strides: [1], offset: 0 } });

describe('renderExpr', () => {
  it('names every operation once, in evaluation order, and keeps leaves inline', () => {
    const expr: FusedExpr = { kind: 'binary', op: 'add', a: { kind: 'unary', op: 'exp', x: load(0) }, b: { kind: 'const', value: 1, dtype: 'float32' } };
    const r = renderExpr(expr, calls, ['float32'], undefined);
    expect(r.statements).toEqual(['v0: float32 = exp(in0)', 'v1: float32 = add(v0, 1)']);
    expect(r).toMatchObject({ value: 'v1', dtype: 'float32' });
  });

  it('types comparisons as bool and where as its branches, whatever the operands', () => {
    const cond: FusedExpr = { kind: 'binary', op: 'lt', a: load(0), b: load(1) };
    const expr: FusedExpr = { kind: 'where', cond, a: load(2), b: load(2) };
    const inputs: DType[] = ['float32', 'float32', 'int32'];
    expect(exprDType(cond, inputs)).toBe('bool');
    const r = renderExpr(expr, calls, inputs, undefined);
    expect(r.statements).toEqual(['v0: bool = lt(in0, in1)', 'v1: int32 = where(v0, in2, in2)']);
    expect(r.dtype).toBe('int32');
  });

  it('drops a cast to the dtype a value already has', () => {
    const r = renderExpr({ kind: 'cast', dtype: 'float32', x: load(0) }, calls, ['float32'], undefined);
    expect(r).toEqual({ statements: [], value: 'in0', dtype: 'float32' });
  });

  it('renders a 64-deep chain as 64 flat statements rather than one nested expression', () => {
    let expr = load(0);
    for (let i = 0; i < 64; i++) expr = { kind: 'unary', op: 'tanh', x: expr };
    const r = renderExpr(expr, calls, ['float32'], undefined);
    expect(r.statements).toHaveLength(64);
    expect(r.statements.every((s) => s.split('(').length === 2)).toBe(true);
  });

  it('rejects acc outside an epilogue', () => {
    expect(() => renderExpr({ kind: 'acc' }, calls, [], undefined)).toThrow(/acc outside an epilogue/);
  });
});
