import type { CpuKernel, CpuKernelTable } from '../cpu-kernel.js';
import { erf } from './erf.js';

// Elementwise inputs share one shape (the front end broadcasts with `expand`), so every kernel here
// is a flat loop. Results go through the output's typed array, which rounds to float32 or wraps to
// int32 exactly as a store would in any other language.

type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'abs' | 'erf';
type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'lt';

function unary(fn: (x: number) => number): CpuKernel<UnaryOp> {
  return ([x], out) => {
    const a = x.data;
    const y = out.data;
    for (let i = 0; i < y.length; i++) y[i] = fn(a[i]);
  };
}

/** `eq` and `lt` return booleans; storing them in the bool output's Uint8Array gives 1 / 0. */
function binary(fn: (a: number, b: number) => number | boolean): CpuKernel<BinaryOp> {
  return ([a, b], out) => {
    const x = a.data;
    const z = b.data;
    const y = out.data;
    for (let i = 0; i < y.length; i++) y[i] = Number(fn(x[i], z[i]));
  };
}

/**
 * Converts between dtypes: to bool is `x != 0` (so NaN is true, as in NumPy); to int32 truncates
 * toward zero (the Int32Array store does ToInt32, which also maps NaN to 0); from bool gives 0 / 1.
 */
const cast: CpuKernel<'cast'> = ([x], out, { dtype }) => {
  if (dtype !== out.dtype)
    throw new Error(`cast: attrs say ${dtype} but the output is ${out.dtype}`);
  const a = x.data;
  const y = out.data;
  if (dtype === 'bool') for (let i = 0; i < y.length; i++) y[i] = a[i] !== 0 ? 1 : 0;
  else for (let i = 0; i < y.length; i++) y[i] = a[i];
};

const where: CpuKernel<'where'> = ([cond, a, b], out) => {
  const c = cond.data;
  const x = a.data;
  const z = b.data;
  const y = out.data;
  for (let i = 0; i < y.length; i++) y[i] = c[i] !== 0 ? x[i] : z[i];
};

/** NaN-propagating like PyTorch's maximum/minimum (Math.max/min already are). */
export const elementwiseKernels: Pick<CpuKernelTable, UnaryOp | BinaryOp | 'cast' | 'where'> = {
  neg: unary((x) => -x),
  exp: unary(Math.exp),
  log: unary(Math.log),
  sqrt: unary(Math.sqrt),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tanh: unary(Math.tanh),
  abs: unary(Math.abs),
  erf: unary(erf),
  cast,
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b),
  div: binary((a, b) => a / b),
  pow: binary(Math.pow),
  maximum: binary(Math.max),
  minimum: binary(Math.min),
  eq: binary((a, b) => a === b),
  lt: binary((a, b) => a < b),
  where,
};
