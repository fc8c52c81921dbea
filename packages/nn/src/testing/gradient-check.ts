import { randn, realize, valueAndGrad, type Tensor } from '@loom/graph';
import type { Module } from '../core/module.js';

/**
 * Finite-difference checks of gradients, along random directions: for a direction v the central
 * difference (f(θ + εv) − f(θ − εv)) / 2ε must match ∇f·v. One direction tests every element of a
 * tensor at once, in two evaluations, which keeps float32 noise low and the checks fast.
 */
export interface GradientComparison {
  name: string;
  analytic: number;
  numeric: number;
}

export interface GradientCheckOptions {
  eps?: number;
  seed?: number;
}

/** A scalar from outputs of any shapes: Σ outputᵢ · Rᵢ with fixed random Rᵢ (so no gradient is trivially uniform). */
export function randomProjection(seed: number): (...outputs: Tensor[]) => Tensor {
  const weights = new Map<number, Tensor>();
  return (...outputs) =>
    outputs
      .map((out, i) => {
        if (!weights.has(i)) weights.set(i, randn(out.shape, { seed: seed + i }));
        return out.mul(weights.get(i)!).sum();
      })
      .reduce((a, b) => a.add(b));
}

/** Compares each parameter's `.grad` from `backward()` of `loss()` with central differences. */
export async function checkParameterGradients(module: Module, loss: () => Tensor, { eps = 1e-2, seed = 11 }: GradientCheckOptions = {}): Promise<GradientComparison[]> {
  module.zeroGrad();
  loss().backward();
  // Computed before any parameter moves: each gradient reads the others' current values.
  await realize(...module.parameters().map((p) => p.grad!));
  const results: GradientComparison[] = [];
  for (const [index, [name, param]] of module.namedParameters().entries()) {
    if (!param.grad) throw new Error(`checkParameterGradients: ${name} received no gradient`);
    const direction = randn(param.shape, { seed: seed + index });
    const analytic = await param.grad.mul(direction).sum().item();
    const [original] = await realize(param.mul(1));
    await param.assign(original.add(direction.mul(eps)));
    const plus = await loss().item();
    await param.assign(original.sub(direction.mul(eps)));
    const minus = await loss().item();
    await param.assign(original);
    results.push({ name, analytic, numeric: (plus - minus) / (2 * eps) });
  }
  module.zeroGrad();
  return results;
}

/** Compares the gradient of scalar f with respect to a float input with central differences. */
export async function checkInputGradient(f: (input: Tensor) => Tensor, input: Tensor, { eps = 1e-2, seed = 7 }: GradientCheckOptions = {}): Promise<GradientComparison> {
  const direction = randn(input.shape, { seed });
  const { grads } = await valueAndGrad(f)(input);
  const analytic = await grads[0].mul(direction).sum().item();
  const plus = await f(input.add(direction.mul(eps))).item();
  const minus = await f(input.sub(direction.mul(eps))).item();
  return { name: 'input', analytic, numeric: (plus - minus) / (2 * eps) };
}

/** Whether analytic and numeric agree within a relative tolerance (with an absolute floor). */
export function agrees({ analytic, numeric }: GradientComparison, tolerance = 2e-2): boolean {
  return Math.abs(analytic - numeric) <= tolerance * Math.max(1, Math.abs(analytic), Math.abs(numeric));
}
