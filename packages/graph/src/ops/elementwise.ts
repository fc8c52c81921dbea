import type { DType } from '../dtype.js';
import { broadcastShapes, formatShape, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { literal } from '../creation.js';
import { record } from './record.js';
import { expand, reshape } from './movement.js';
import type { VjpTable } from '../autograd/vjp.js';

/** Elementwise primitives (unary, binary, where, cast): front ends with broadcasting, and their VJPs. */

export type Operand = Tensor | number;

/** The dtype two operands compute in: float beats int beats bool, as in NumPy. */
function promote(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'int32';
}

function operandDType(x: Operand, other: Operand): DType {
  if (x instanceof Tensor) return x.dtype;
  const otherIsTensor = other instanceof Tensor;
  if (!Number.isInteger(x)) return 'float32';
  return otherIsTensor ? (other.dtype === 'bool' ? 'int32' : other.dtype) : 'float32';
}

function asTensor(x: Operand, dtype: DType): Tensor {
  if (x instanceof Tensor) return x.dtype === dtype ? x : cast(x, dtype);
  return literal(x, dtype);
}

/** Broadcasts `x` to `shape` (NumPy rules), recording only the reshape/expand that are needed. */
export function broadcastTo(x: Tensor, shape: readonly number[], op: string): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const target = broadcastShapes(x.shape, shape);
  if (!target || !shapesEqual(target, shape))
    throw new Error(`${op}: cannot broadcast shape ${formatShape(x.shape)} to ${formatShape(shape)}`);
  const padded = x.rank < shape.length ? reshape(x, [...new Array(shape.length - x.rank).fill(1), ...x.shape]) : x;
  return expand(padded, shape);
}

function broadcastPair(op: string, a: Tensor, b: Tensor): [Tensor, Tensor, number[]] {
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape)
    throw new Error(`${op}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast together`);
  return [broadcastTo(a, shape, op), broadcastTo(b, shape, op), shape];
}

type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';

function binary(op: BinaryOp, x: Operand, y: Operand, computeIn?: DType): Tensor {
  const dtype = computeIn ?? promote(operandDType(x, y), operandDType(y, x));
  if (dtype === 'bool' && op !== 'maximum' && op !== 'minimum') return binary(op, x, y, 'int32');
  const [a, b, shape] = broadcastPair(op, asTensor(x, dtype), asTensor(y, dtype));
  return record(op, [a, b], {}, shape, dtype);
}

export const add = (a: Operand, b: Operand) => binary('add', a, b);
export const sub = (a: Operand, b: Operand) => binary('sub', a, b);
export const mul = (a: Operand, b: Operand) => binary('mul', a, b);
/** True division: integers divide as floats, as in NumPy and PyTorch. */
export const div = (a: Operand, b: Operand) => binary('div', a, b, 'float32');
export const pow = (a: Operand, b: Operand) => binary('pow', a, b, 'float32');
export const maximum = (a: Operand, b: Operand) => binary('maximum', a, b);
export const minimum = (a: Operand, b: Operand) => binary('minimum', a, b);

function compare(op: 'eq' | 'lt', x: Operand, y: Operand): Tensor {
  const dtype = promote(operandDType(x, y), operandDType(y, x));
  const [a, b, shape] = broadcastPair(op, asTensor(x, dtype), asTensor(y, dtype));
  return record(op, [a, b], {}, shape, 'bool');
}

export const eq = (a: Operand, b: Operand) => compare('eq', a, b);
export const lt = (a: Operand, b: Operand) => compare('lt', a, b);
export const gt = (a: Operand, b: Operand) => compare('lt', b, a);
export const logicalNot = (x: Tensor) => compare('eq', x.dtype === 'bool' ? x : cast(x, 'bool'), 0);
export const ne = (a: Operand, b: Operand) => logicalNot(eq(a, b));
export const le = (a: Operand, b: Operand) => logicalNot(gt(a, b));
export const ge = (a: Operand, b: Operand) => logicalNot(lt(a, b));

/** cond ? a : b, broadcasting all three. */
export function where(cond: Tensor, x: Operand, y: Operand): Tensor {
  if (!(cond instanceof Tensor) || cond.dtype !== 'bool')
    throw new Error(
      `where: the condition must be a bool tensor, got ${cond instanceof Tensor ? `${cond.dtype} ${formatShape(cond.shape)}` : typeof cond}`,
    );
  const dtype = promote(operandDType(x, y), operandDType(y, x));
  const a = asTensor(x, dtype);
  const b = asTensor(y, dtype);
  const shape = broadcastShapes(broadcastShapes(a.shape, b.shape) ?? [NaN], cond.shape);
  if (!shape || shape.some(Number.isNaN))
    throw new Error(
      `where: shapes ${formatShape(cond.shape)} (condition), ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast together`,
    );
  return record(
    'where',
    [broadcastTo(cond, shape, 'where'), broadcastTo(a, shape, 'where'), broadcastTo(b, shape, 'where')],
    {},
    shape,
    dtype,
  );
}

type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'abs' | 'erf';

function unary(op: UnaryOp, x: Tensor): Tensor {
  const keepsDType = op === 'neg' || op === 'abs';
  const input = keepsDType ? (x.dtype === 'bool' ? cast(x, 'int32') : x) : x.dtype === 'float32' ? x : cast(x, 'float32');
  return record(op, [input], {}, input.shape, input.dtype);
}

export const neg = (x: Tensor) => unary('neg', x);
export const exp = (x: Tensor) => unary('exp', x);
export const log = (x: Tensor) => unary('log', x);
export const sqrt = (x: Tensor) => unary('sqrt', x);
export const rsqrt = (x: Tensor) => div(1, sqrt(x));
export const sin = (x: Tensor) => unary('sin', x);
export const cos = (x: Tensor) => unary('cos', x);
export const tanh = (x: Tensor) => unary('tanh', x);
export const abs = (x: Tensor) => unary('abs', x);
export const erf = (x: Tensor) => unary('erf', x);

/** Float → int truncates toward zero; anything → bool is `x != 0`. */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  return record('cast', [x], { dtype }, x.shape, dtype);
}

export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  if (min !== undefined && max !== undefined && min > max)
    throw new Error(`clamp: min ${min} is greater than max ${max}`);
  let out = x;
  if (min !== undefined) out = maximum(out, min);
  if (max !== undefined) out = minimum(out, max);
  return out;
}

/** −1, 0 or 1 by the sign of x. */
export function sign(x: Tensor): Tensor {
  return sub(cast(gt(x, 0), x.dtype), cast(lt(x, 0), x.dtype));
}

const asFloat = (mask: Tensor, like: Tensor) => cast(mask, like.dtype);

export const elementwiseVjps: Pick<
  VjpTable,
  UnaryOp | BinaryOp | 'eq' | 'lt' | 'where' | 'cast'
> = {
  neg: (g) => [neg(g)],
  exp: (g, { output }) => [mul(g, output)],
  log: (g, { inputs: [x] }) => [div(g, x)],
  sqrt: (g, { output }) => [div(g, mul(output, 2))],
  sin: (g, { inputs: [x] }) => [mul(g, cos(x))],
  cos: (g, { inputs: [x] }) => [neg(mul(g, sin(x)))],
  tanh: (g, { output }) => [mul(g, sub(1, mul(output, output)))],
  abs: (g, { inputs: [x] }) => [mul(g, sign(x))],
  erf: (g, { inputs: [x] }) => [mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI)))],
  cast: (g, { inputs: [x] }) => [x.dtype === 'float32' ? cast(g, 'float32') : undefined],
  add: (g) => [g, g],
  sub: (g) => [g, neg(g)],
  mul: (g, { inputs: [a, b] }) => [mul(g, b), mul(g, a)],
  div: (g, { inputs: [a, b] }) => [div(g, b), neg(div(mul(g, a), mul(b, b)))],
  pow: (g, { inputs: [a, b], output }) => [
    mul(g, mul(b, pow(a, sub(b, 1)))),
    // d/db a^b = a^b log a, defined as 0 where a ≤ 0 instead of NaN
    mul(g, where(gt(a, 0), mul(output, log(where(gt(a, 0), a, 1))), 0)),
  ],
  // Ties send the gradient to the first operand, as TensorFlow does.
  maximum: (g, { inputs: [a, b] }) => [mul(g, asFloat(ge(a, b), g)), mul(g, asFloat(lt(a, b), g))],
  minimum: (g, { inputs: [a, b] }) => [mul(g, asFloat(le(a, b), g)), mul(g, asFloat(gt(a, b), g))],
  eq: () => [undefined, undefined],
  lt: () => [undefined, undefined],
  where: (g, { inputs: [cond] }) => [undefined, where(cond, g, 0), where(cond, 0, g)],
};
