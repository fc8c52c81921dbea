import type { DType, FusedBinaryOp, FusedUnaryOp } from '@loom/graph';
import type { ExprDialect, LoadExpr } from '@loom/graph';
import type { ShaderBuilder } from './shader-builder.js';
import { useMath, type MathHelper } from './wgsl-math.js';
import { wgslType } from './wgsl-type.js';

const floatUnary: Record<FusedUnaryOp, (x: string, b: ShaderBuilder) => string> = {
  neg: (x) => `(-(${x}))`,
  abs: (x) => `abs(${x})`,
  exp: (x) => `exp(${x})`,
  log: (x, b) => `${useMath(b, 'loom_log')}(${x})`,
  sqrt: (x, b) => `${useMath(b, 'loom_sqrt')}(${x})`,
  sin: (x, b) => `${useMath(b, 'loom_sin')}(${x})`,
  cos: (x, b) => `${useMath(b, 'loom_cos')}(${x})`,
  tanh: (x, b) => `${useMath(b, 'loom_tanh')}(${x})`,
  erf: (x, b) => `${useMath(b, 'loom_erf')}(${x})`,
};

/**
 * Converts a value of `from` to `to` as the CPU backend's typed-array stores do: to bool is x ≠ 0
 * (NaN is true), to int32 is JavaScript's ToInt32, to bool from a computed number keeps its low
 * byte (a Uint8Array store).
 */
export function convert(b: ShaderBuilder, x: string, from: DType, to: DType): string {
  if (from === to) return x;
  if (to === 'bool') return `select(0u, 1u, ${x} != ${wgslType(from)}())`;
  if (to === 'float32') return `f32(${x})`;
  return from === 'float32' ? `${useMath(b, 'loom_to_i32')}(${x})` : `bitcast<i32>(${x})`;
}

/** A float result stored as `dtype`: int32 by ToInt32, bool by the low byte of ToInt32. */
function fromFloat(b: ShaderBuilder, x: string, dtype: DType): string {
  if (dtype === 'float32') return x;
  const int = `${useMath(b, 'loom_to_i32')}(${x})`;
  return dtype === 'int32' ? int : `(bitcast<u32>(${int}) & 255u)`;
}

/** WGSL spellings of the fused-expression operations; see `ExprDialect`. */
export class WgslDialect implements ExprDialect {
  constructor(
    private readonly b: ShaderBuilder,
    private readonly read: (expr: LoadExpr, dtype: DType) => string,
    private readonly accName = 'acc',
  ) {}

  load(expr: LoadExpr, dtype: DType): string {
    return this.read(expr, dtype);
  }

  constant(value: number, dtype: DType): string {
    return this.b.constant(value, dtype);
  }

  acc(): string {
    return this.accName;
  }

  unary(op: FusedUnaryOp, x: string, dtype: DType): string {
    if (dtype === 'float32') return floatUnary[op](x, this.b);
    if (dtype === 'int32' && op === 'neg') return `(-(${x}))`;
    if (dtype === 'int32' && op === 'abs') return `abs(${x})`;
    if (dtype === 'bool' && op === 'abs') return x;
    return fromFloat(this.b, floatUnary[op](`f32(${x})`, this.b), dtype);
  }

  binary(op: FusedBinaryOp, a: string, b: string, dtype: DType): string {
    if (op === 'eq') return `select(0u, 1u, ${a} == ${b})`;
    if (op === 'lt') return `select(0u, 1u, ${a} < ${b})`;
    if (dtype === 'float32') return this.floatBinary(op, a, b);
    const byte = (code: string) => (dtype === 'bool' ? `((${code}) & 255u)` : code);
    switch (op) {
      case 'add':
        return byte(`${a} + ${b}`);
      case 'sub':
        return byte(`${a} - ${b}`);
      case 'mul':
        return byte(`${a} * ${b}`);
      case 'div':
        return `${useMath(this.b, dtype === 'int32' ? 'loom_div_i32' : 'loom_div_u32')}(${a}, ${b})`;
      case 'pow':
        return fromFloat(this.b, `${useMath(this.b, 'loom_pow')}(f32(${a}), f32(${b}))`, dtype);
      case 'maximum':
        return `max(${a}, ${b})`;
      case 'minimum':
        return `min(${a}, ${b})`;
    }
  }

  where(cond: string, condDType: DType, a: string, b: string): string {
    return `select(${b}, ${a}, ${cond} != ${wgslType(condDType)}())`;
  }

  cast(x: string, from: DType, to: DType): string {
    return convert(this.b, x, from, to);
  }

  declare(name: string, dtype: DType, code: string): string {
    return `  let ${name}: ${wgslType(dtype)} = ${code};`;
  }

  private floatBinary(op: Exclude<FusedBinaryOp, 'eq' | 'lt'>, a: string, b: string): string {
    const call = (helper: MathHelper) => `${useMath(this.b, helper)}(${a}, ${b})`;
    switch (op) {
      case 'add':
        return `${a} + ${b}`;
      case 'sub':
        return `${a} - ${b}`;
      case 'mul':
        return `${a} * ${b}`;
      case 'div':
        return `${a} / ${b}`;
      case 'pow':
        return call('loom_pow');
      case 'maximum':
        return call('loom_max');
      case 'minimum':
        return call('loom_min');
    }
  }
}
