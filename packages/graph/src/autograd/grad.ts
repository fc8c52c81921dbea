import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { ones, zeros } from '../creation.js';
import { realizeUnlessTracing } from '../core/realize.js';
import { detach } from '../ops/movement.js';
import { leafGradients } from './backward.js';

export interface ValueAndGrad {
  value: Tensor;
  /** One gradient per argument of f, in order. */
  grads: Tensor[];
}

function differentiate(name: string, f: (...args: Tensor[]) => Tensor, args: readonly Tensor[]) {
  args.forEach((a, i) => {
    if (!(a instanceof Tensor)) throw new Error(`${name}: argument ${i} is not a Tensor`);
    if (a.dtype !== 'float32') throw new Error(`${name}: argument ${i} is ${a.dtype}; only float32 tensors have gradients`);
  });
  // Fresh leaves, so the gradients are with respect to exactly these arguments.
  const vars = args.map((a) => {
    const v = detach(a);
    v.requiresGrad = true;
    return v;
  });
  const value = f(...vars);
  if (!(value instanceof Tensor) || value.size !== 1)
    throw new Error(
      `${name}: f must return a scalar tensor, got ${value instanceof Tensor ? `shape ${formatShape(value.shape)}` : typeof value}`,
    );
  const leaves = value.requiresGrad ? leafGradients(value, ones(value.shape)) : new Map<Tensor, Tensor>();
  const grads = vars.map((v) => leaves.get(v) ?? zeros(v.shape));
  return { value: detach(value), grads };
}

/**
 * JAX-style: `grad(f)` is a function returning the gradients of scalar `f` with respect to each
 * argument, computed in one program with the forward pass.
 */
export function grad(f: (...args: Tensor[]) => Tensor): (...args: Tensor[]) => Promise<Tensor[]> {
  return async (...args) => {
    const { grads } = differentiate('grad', f, args);
    await realizeUnlessTracing(grads);
    return grads;
  };
}

/** Like `grad`, also returning f's value; value and gradients share one realize. */
export function valueAndGrad(f: (...args: Tensor[]) => Tensor): (...args: Tensor[]) => Promise<ValueAndGrad> {
  return async (...args) => {
    const { value, grads } = differentiate('valueAndGrad', f, args);
    await realizeUnlessTracing([value, ...grads]);
    return { value, grads };
  };
}
