import { normalizeAxes, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { record } from './record.js';
import { cast, div, eq, mul, neg, sub } from './elementwise.js';
import { expand, reshape } from './movement.js';
import type { VjpTable } from '../autograd/vjp.js';

/** Reductions: sum / max / prod / argmax primitives (keeping reduced axes as 1) and their compositions. */

type Axes = number | readonly number[] | undefined;
type ReduceOp = 'sum' | 'max' | 'prod';

function reduce(op: ReduceOp, x: Tensor, axis: Axes, keepdims: boolean): Tensor {
  const axes = normalizeAxes(op, axis, x.shape);
  // Sums and products of bools count; of ints stay ints.
  const input = x.dtype === 'bool' && op !== 'max' ? cast(x, 'int32') : x;
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = axes.length ? record(op, [input], { axes }, kept, input.dtype) : input;
  return keepdims ? out : reshape(out, x.shape.filter((_, i) => !axes.includes(i)));
}

export const sum = (x: Tensor, axis?: Axes, keepdims = false) => reduce('sum', x, axis, keepdims);
export const max = (x: Tensor, axis?: Axes, keepdims = false) => reduce('max', x, axis, keepdims);
export const prod = (x: Tensor, axis?: Axes, keepdims = false) => reduce('prod', x, axis, keepdims);
export const min = (x: Tensor, axis?: Axes, keepdims = false) => neg(max(neg(x), axis, keepdims));

function count(x: Tensor, axis: Axes): number {
  return normalizeAxes('mean', axis, x.shape).reduce((n, a) => n * x.shape[a], 1);
}

export function mean(x: Tensor, axis?: Axes, keepdims = false): Tensor {
  return div(sum(x, axis, keepdims), count(x, axis));
}

/** Population variance (divides by N), as layer and batch norm use it. */
export function variance(x: Tensor, axis?: Axes, keepdims = false): Tensor {
  const centered = sub(x, mean(x, axis, true));
  return mean(mul(centered, centered), axis, keepdims);
}

/** Index of the largest element along `axis` (of the flattened tensor when omitted); the first on ties. */
export function argmax(x: Tensor, axis?: number, keepdims = false): Tensor {
  if (axis === undefined) {
    const flat = argmax(reshape(x, [x.size]), 0, false);
    return keepdims ? reshape(flat, x.shape.map(() => 1)) : flat;
  }
  const a = normalizeAxis('argmax', axis, x.shape);
  const kept = x.shape.map((d, i) => (i === a ? 1 : d));
  const out = record('argmax', [x], { axis: a }, kept, 'int32');
  return keepdims ? out : reshape(out, x.shape.filter((_, i) => i !== a));
}

export function argmin(x: Tensor, axis?: number, keepdims = false): Tensor {
  return argmax(neg(x.dtype === 'bool' ? cast(x, 'int32') : x), axis, keepdims);
}

export const reduceVjps: Pick<VjpTable, 'sum' | 'max' | 'prod' | 'argmax'> = {
  sum: (g, { inputs: [x] }) => [expand(g, x.shape)],
  // Every element equal to the maximum receives the gradient, as in TensorFlow.
  max: (g, { inputs: [x], output }) => [mul(expand(g, x.shape), cast(eq(x, expand(output, x.shape)), g.dtype))],
  // d/dx_i prod = prod / x_i (undefined where x_i = 0, as in TensorFlow's simple rule).
  prod: (g, { inputs: [x], output }) => [div(mul(expand(g, x.shape), expand(output, x.shape)), x)],
  argmax: () => [undefined],
};
