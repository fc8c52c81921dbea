import type { DType, FusedExpr, LoadExpr } from '@loom/graph';
import type { FunctionBody, Local } from './function-body.js';
import { SimdOp, ValType } from './opcodes.js';

/** Thrown while emitting an expression the SIMD generator does not cover; the caller falls back. */
export class UnsupportedExpr extends Error {}

/** Where a fused expression's leaves come from: each pushes one v128 of float32 lanes. */
export interface SimdLeaves {
  load(load: LoadExpr): void;
  acc(): void;
}

/**
 * Emits `expr` as f32x4 / i32x4 code that leaves one v128 on the stack (four output elements) and
 * returns its dtype. float32 values are f32x4 lanes; int32 and bool values are i32x4 lanes, bools
 * as 0 or 1, as the JavaScript kernels hold them. The semantics follow the JavaScript dialect
 * (NaN-propagating maximum/minimum that keep the first operand on ties, comparisons giving 0/1,
 * wrapping int32 arithmetic); what it cannot match exactly (int32 division, pow, float→int32
 * casts) or has no polynomial for (log, sin, cos, erf) throws UnsupportedExpr.
 */
export function emitSimdExpr(
  f: FunctionBody,
  expr: FusedExpr,
  inputDTypes: readonly DType[],
  leaves: SimdLeaves,
): DType {
  const temp = () => f.local(ValType.v128);
  const walk = (e: FusedExpr): DType => {
    switch (e.kind) {
      case 'load':
        if (inputDTypes[e.input] !== 'float32') throw new UnsupportedExpr(`load of ${inputDTypes[e.input]}`);
        leaves.load(e);
        return 'float32';
      case 'acc':
        leaves.acc();
        return 'float32';
      case 'const':
        if (e.dtype === 'float32') f.f32x4Const(e.value);
        else f.i32x4Const(e.dtype === 'bool' ? (e.value !== 0 ? 1 : 0) : e.value | 0);
        return e.dtype;
      case 'unary': {
        const dtype = walk(e.x);
        emitUnary(f, e.op, dtype, temp);
        return dtype;
      }
      case 'binary': {
        const dtype = walk(e.a);
        if (walk(e.b) !== dtype) throw new UnsupportedExpr('mixed operand dtypes');
        return emitBinary(f, e.op, dtype, temp);
      }
      case 'where': {
        const dtype = walk(e.a);
        walk(e.b);
        pushMask(f, walk(e.cond));
        f.simd(SimdOp.v128Bitselect);
        return dtype;
      }
      case 'cast': {
        const from = walk(e.x);
        emitCast(f, from, e.dtype);
        return e.dtype;
      }
    }
  };
  return walk(expr);
}

/** Turns the value on the stack into an all-ones / all-zeros lane mask of `value !== 0`. */
function pushMask(f: FunctionBody, dtype: DType): void {
  if (dtype === 'float32') f.f32x4Const(0).simd(SimdOp.f32x4Ne);
  else f.i32x4Const(0).simd(SimdOp.i32x4Ne);
}

/** A lane mask on the stack becomes a bool (0 or 1 per lane). */
function maskToBool(f: FunctionBody): void {
  f.i32x4Const(1).simd(SimdOp.v128And);
}

function emitCast(f: FunctionBody, from: DType, to: DType): void {
  if (from === to || (from === 'bool' && to === 'int32')) return;
  if (to === 'float32') {
    f.simd(SimdOp.f32x4ConvertI32x4S);
  } else if (to === 'bool') {
    pushMask(f, from);
    maskToBool(f);
  } else {
    // float → int32 wraps modulo 2³² in JavaScript; trunc_sat saturates instead.
    throw new UnsupportedExpr(`cast ${from} → ${to}`);
  }
}

function emitUnary(f: FunctionBody, op: string, dtype: DType, temp: () => Local): void {
  if (dtype === 'int32' && (op === 'neg' || op === 'abs')) {
    f.simd(op === 'neg' ? SimdOp.i32x4Neg : SimdOp.i32x4Abs);
    return;
  }
  if (dtype !== 'float32') throw new UnsupportedExpr(`${op} of ${dtype}`);
  switch (op) {
    case 'neg':
      f.simd(SimdOp.f32x4Neg);
      return;
    case 'abs':
      f.simd(SimdOp.f32x4Abs);
      return;
    case 'sqrt':
      f.simd(SimdOp.f32x4Sqrt);
      return;
    case 'exp': {
      const x = temp();
      f.set(x);
      emitExp(f, x, temp);
      return;
    }
    case 'tanh': {
      const x = temp();
      f.set(x);
      emitTanh(f, x, temp);
      return;
    }
    default:
      throw new UnsupportedExpr(op);
  }
}

function emitBinary(f: FunctionBody, op: string, dtype: DType, temp: () => Local): DType {
  if (dtype === 'float32') {
    const simple: Record<string, SimdOp> = { add: SimdOp.f32x4Add, sub: SimdOp.f32x4Sub, mul: SimdOp.f32x4Mul, div: SimdOp.f32x4Div };
    if (op in simple) {
      f.simd(simple[op]);
      return dtype;
    }
    if (op === 'eq' || op === 'lt') {
      f.simd(op === 'eq' ? SimdOp.f32x4Eq : SimdOp.f32x4Lt);
      maskToBool(f);
      return 'bool';
    }
    if (op === 'maximum' || op === 'minimum') {
      // a ⋛ b || a ≠ a ? a : b — NaN in either operand wins, and a tie keeps a (its sign of zero).
      const [a, b] = [temp(), temp()];
      f.set(b).set(a);
      f.get(a).get(b).get(a).get(b).simd(op === 'maximum' ? SimdOp.f32x4Ge : SimdOp.f32x4Le);
      f.get(a).get(a).simd(SimdOp.f32x4Ne).simd(SimdOp.v128Or).simd(SimdOp.v128Bitselect);
      return dtype;
    }
    throw new UnsupportedExpr(`${op} of float32`);
  }
  const integer: Record<string, SimdOp> = {
    add: SimdOp.i32x4Add,
    sub: SimdOp.i32x4Sub,
    mul: SimdOp.i32x4Mul,
    maximum: SimdOp.i32x4MaxS,
    minimum: SimdOp.i32x4MinS,
  };
  if (dtype === 'int32' && op in integer) {
    f.simd(integer[op]);
    return dtype;
  }
  if (op === 'eq' || op === 'lt') {
    f.simd(op === 'eq' ? SimdOp.i32x4Eq : SimdOp.i32x4LtS);
    maskToBool(f);
    return 'bool';
  }
  throw new UnsupportedExpr(`${op} of ${dtype}`);
}

/** Smallest and largest x whose exp is a normal float32, and where exp overflows. */
const expLow = -87.33654;
const expHigh = 88.72283;

/**
 * exp(x) for the f32x4 in local x: x = n·ln2 + r with n = round(x·log₂e) and |r| ≤ ln2/2 (ln 2 split
 * in two so n·ln2 is exact), e^r by a degree-7 minimax polynomial (the classic single-precision
 * one: ≈1 ulp), times 2ⁿ built in the exponent bits as two factors 2^⌊n/2⌋ · 2^(n−⌊n/2⌋) so that
 * n from −126 to 128 never leaves the normal range. Below expLow the result flushes to 0 (it
 * would be subnormal), above expHigh it is +∞, and NaN stays NaN.
 */
export function emitExp(f: FunctionBody, x: Local, temp: () => Local): void {
  const [c, n, r, y, half] = [temp(), temp(), temp(), temp(), temp()];
  f.get(x).f32x4Const(expLow).simd(SimdOp.f32x4Pmax).f32x4Const(expHigh).simd(SimdOp.f32x4Pmin).set(c);
  f.get(c).f32x4Const(Math.LOG2E).simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Nearest).set(n);
  f.get(c).get(n).f32x4Const(0.693359375).simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Sub);
  f.get(n).f32x4Const(-2.12194440e-4).simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Sub).set(r);
  const coefficients = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  f.f32x4Const(coefficients[0]);
  for (const k of coefficients.slice(1)) f.get(r).simd(SimdOp.f32x4Mul).f32x4Const(k).simd(SimdOp.f32x4Add);
  // y = p·r² + r + 1
  f.get(r).simd(SimdOp.f32x4Mul).get(r).simd(SimdOp.f32x4Mul).get(r).simd(SimdOp.f32x4Add);
  f.f32x4Const(1).simd(SimdOp.f32x4Add).set(y);
  // 2^k as bits: (k + 127) << 23, for k = ⌊n/2⌋ and n − ⌊n/2⌋.
  f.get(n).simd(SimdOp.i32x4TruncSatF32x4S).set(n);
  f.get(n).i32(1).simd(SimdOp.i32x4ShrS).set(half);
  const pushPow2 = (k: () => void) => {
    k();
    f.i32x4Const(127).simd(SimdOp.i32x4Add).i32(23).simd(SimdOp.i32x4Shl);
  };
  f.get(y);
  pushPow2(() => f.get(half));
  f.simd(SimdOp.f32x4Mul);
  pushPow2(() => f.get(n).get(half).simd(SimdOp.i32x4Sub));
  f.simd(SimdOp.f32x4Mul).set(y);
  // Out of range: 0 below, +∞ above; NaN passed through the clamp and the polynomial already.
  f.f32x4Const(0).get(y).get(x).f32x4Const(expLow).simd(SimdOp.f32x4Lt).simd(SimdOp.v128Bitselect).set(y);
  f.f32x4Const(Infinity).get(y).get(x).f32x4Const(expHigh).simd(SimdOp.f32x4Gt).simd(SimdOp.v128Bitselect);
}

/**
 * tanh(x) for the f32x4 in local x: sign(x)·(1 − e)/(1 + e) with e = exp(−2|x|), which never
 * overflows; below |x| = 0.1, where 1 − e cancels, the odd Taylor polynomial to x⁷ (error < 3e-11
 * relative) instead.
 */
export function emitTanh(f: FunctionBody, x: Local, temp: () => Local): void {
  const [t, e, x2] = [temp(), temp(), temp()];
  f.get(x).simd(SimdOp.f32x4Abs).tee(t).f32x4Const(-2).simd(SimdOp.f32x4Mul).set(e);
  emitExp(f, e, temp);
  f.set(e);
  // large: (1 − e) / (1 + e) with x's sign bit
  f.get(x);
  f.f32x4Const(1).get(e).simd(SimdOp.f32x4Sub).f32x4Const(1).get(e).simd(SimdOp.f32x4Add).simd(SimdOp.f32x4Div);
  f.i32x4Const(-0x80000000).simd(SimdOp.v128Bitselect).set(e);
  // small: x·(1 + x²·(−1/3 + x²·(2/15 − x²·17/315)))
  f.get(x).get(x).simd(SimdOp.f32x4Mul).set(x2);
  f.f32x4Const(-17 / 315).get(x2).simd(SimdOp.f32x4Mul).f32x4Const(2 / 15).simd(SimdOp.f32x4Add);
  f.get(x2).simd(SimdOp.f32x4Mul).f32x4Const(-1 / 3).simd(SimdOp.f32x4Add);
  f.get(x2).simd(SimdOp.f32x4Mul).f32x4Const(1).simd(SimdOp.f32x4Add).get(x).simd(SimdOp.f32x4Mul);
  f.get(e).get(t).f32x4Const(0.1).simd(SimdOp.f32x4Lt).simd(SimdOp.v128Bitselect);
}
