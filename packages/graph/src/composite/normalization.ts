import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, div, exp, log, mul, rsqrt, sub } from '../ops/elementwise.js';
import { max, mean, sum, variance } from '../ops/reduce.js';
import { detach } from '../ops/movement.js';

/**
 * Softmax along `axis`. Subtracting the (detached) maximum first keeps exp from overflowing and
 * does not change the result or its gradient.
 * @example softmax(tensor([1, 2, 3])) // [0.090, 0.245, 0.665]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('softmax', axis, x.shape);
  const e = exp(sub(x, detach(max(x, a, true))));
  return div(e, sum(e, a, true));
}

/** log(softmax(x)) computed stably as x − max − log Σ e^(x − max). */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const a = normalizeAxis('logSoftmax', axis, x.shape);
  const shifted = sub(x, detach(max(x, a, true)));
  return sub(shifted, log(sum(exp(shifted), a, true)));
}

export interface LayerNormOptions {
  weight?: Tensor;
  bias?: Tensor;
  eps?: number;
}

/**
 * Layer normalisation over the trailing axes of shape `normalizedShape` (PyTorch's F.layer_norm):
 * (x − mean) / sqrt(var + eps) · weight + bias, with the population variance.
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], { weight, bias, eps = 1e-5 }: LayerNormOptions = {}): Tensor {
  const k = normalizedShape.length;
  const trailing = x.shape.slice(x.rank - k);
  if (k === 0 || k > x.rank || trailing.some((d, i) => d !== normalizedShape[i]))
    throw new Error(`layerNorm: normalizedShape ${formatShape(normalizedShape)} does not match the trailing axes of ${formatShape(x.shape)}`);
  const axes = trailing.map((_, i) => x.rank - k + i);
  const centered = sub(x, mean(x, axes, true));
  let out = mul(centered, rsqrt(add(variance(x, axes, true), eps)));
  for (const [name, p] of [['weight', weight], ['bias', bias]] as const)
    if (p && formatShape(p.shape) !== formatShape(normalizedShape))
      throw new Error(`layerNorm: ${name} has shape ${formatShape(p.shape)}, expected ${formatShape(normalizedShape)}`);
  if (weight) out = mul(out, weight);
  if (bias) out = add(out, bias);
  return out;
}
