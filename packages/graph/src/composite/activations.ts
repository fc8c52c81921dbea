import type { Tensor } from '../tensor.js';
import { abs, add, div, erf, exp, gt, log, maximum, mul, neg, sub, where } from '../ops/elementwise.js';

/** Activation functions, composed from primitives: their gradients come from the primitives'. */

/** max(x, 0). @example relu(tensor([-1, 2])) // [0, 2] */
export const relu = (x: Tensor) => maximum(x, 0);

/** 1 / (1 + e^-x). */
export const sigmoid = (x: Tensor) => div(1, add(exp(neg(x)), 1));

/** x for x > 0, alpha·x otherwise. */
export const leakyRelu = (x: Tensor, alpha = 0.01) => where(gt(x, 0), x, mul(x, alpha));

/** The exact GELU, x·Φ(x) = x/2 · (1 + erf(x/√2)), PyTorch's default. */
export const gelu = (x: Tensor) => mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));

/** x for x > 0, alpha·(e^x − 1) otherwise. */
export const elu = (x: Tensor, alpha = 1) => where(gt(x, 0), x, mul(sub(exp(x), 1), alpha));

/** log(1 + e^x), computed as max(x, 0) + log(1 + e^-|x|) so large |x| does not overflow. */
export const softplus = (x: Tensor) => add(maximum(x, 0), log(add(exp(neg(abs(x))), 1)));
