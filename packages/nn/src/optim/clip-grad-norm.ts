import { noGrad, type Tensor } from '@loom/graph';

/** √(Σ‖g‖²) over every gradient: the norm clipping compares with maxNorm. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  return grads.map((g) => g.square().sum()).reduce((a, b) => a.add(b)).sqrt();
}

/**
 * Scales all gradients together so their global norm is at most maxNorm (a pure function: returns
 * new gradients, and the norm before clipping).
 */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): { grads: Tensor[]; norm: Tensor } {
  if (!(maxNorm > 0)) throw new Error(`clipByGlobalNorm: maxNorm must be positive, got ${maxNorm}`);
  if (grads.length === 0) throw new Error('clipByGlobalNorm: no gradients');
  const norm = globalNorm(grads);
  const scale = norm.add(1e-6).reciprocal().mul(maxNorm).minimum(1);
  return { grads: grads.map((g) => g.mul(scale)), norm };
}

/**
 * PyTorch's clip_grad_norm_: replaces each parameter's `.grad` with the clipped one and returns
 * the norm before clipping (lazy; read it with `await norm.item()`).
 */
export function clipGradNorm(parameters: Iterable<Tensor>, maxNorm: number): Tensor {
  const withGrad = [...parameters].filter((p) => p.grad);
  return noGrad(() => {
    const { grads, norm } = clipByGlobalNorm(
      withGrad.map((p) => p.grad!),
      maxNorm,
    );
    withGrad.forEach((p, i) => (p.grad = grads[i]));
    return norm;
  });
}
