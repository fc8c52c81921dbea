import { where, zeros, type Tensor } from '@loom/graph';
import type { Module } from '../core/module.js';
import { Optimizer, type OptimizerOptions, type UpdateRule } from './optimizer.js';

export interface SgdOptions {
  momentum?: number;
  /** Damps the gradient's contribution to the momentum buffer. */
  dampening?: number;
  /** Look ahead along the momentum (Nesterov's accelerated gradient). */
  nesterov?: boolean;
  /** L2 penalty added to the gradient. */
  weightDecay?: number;
}

/** PyTorch's SGD update: g += wd·p; buf = μ·buf + (1 − τ)·g (buf = g at the first step); p −= lr·(nesterov ? g + μ·buf : buf). */
export function sgdRule({ momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 }: SgdOptions = {}): UpdateRule {
  if (nesterov && (momentum <= 0 || dampening !== 0)) throw new Error('SGD: nesterov needs momentum > 0 and no dampening');
  return {
    init: (param): Record<string, Tensor> => (momentum ? { momentumBuffer: zeros(param.shape) } : {}),
    update: ({ param, grad, state, count, lr }): { param: Tensor; state: Record<string, Tensor> } => {
      const g: Tensor = weightDecay ? grad.add(param.mul(weightDecay)) : grad;
      if (!momentum) return { param: param.sub(g.mul(lr)), state: {} };
      let buffer = state.momentumBuffer.mul(momentum).add(dampening ? g.mul(1 - dampening) : g);
      if (dampening) buffer = where(count.eq(1), g, buffer);
      const direction = nesterov ? g.add(buffer.mul(momentum)) : buffer;
      return { param: param.sub(direction.mul(lr)), state: { momentumBuffer: buffer } };
    },
  };
}

/**
 * Stochastic gradient descent with optional momentum, Nesterov and weight decay.
 * @example const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 })
 */
export class SGD extends Optimizer {
  constructor(params: Iterable<Tensor> | Module, options: OptimizerOptions & SgdOptions) {
    super(params, sgdRule(options), options);
  }
}
