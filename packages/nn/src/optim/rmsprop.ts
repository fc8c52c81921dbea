import { zeros, type Tensor } from '@loom/graph';
import type { Module } from '../core/module.js';
import { Optimizer, type OptimizerOptions, type UpdateRule } from './optimizer.js';

export interface RmspropOptions {
  /** Smoothing of the squared-gradient average. */
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  /** Divide by the variance estimate (subtracting the squared mean gradient) instead of the raw average. */
  centered?: boolean;
}

/** PyTorch's RMSprop: v = α·v + (1 − α)·g²; p −= lr·g / (√v + ε), with optional momentum and centring. */
export function rmspropRule({ alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false }: RmspropOptions = {}): UpdateRule {
  return {
    init: (param) => ({
      squareAvg: zeros(param.shape),
      ...(momentum ? { momentumBuffer: zeros(param.shape) } : {}),
      ...(centered ? { gradAvg: zeros(param.shape) } : {}),
    }),
    update: ({ param, grad, state, lr }) => {
      const g: Tensor = weightDecay ? grad.add(param.mul(weightDecay)) : grad;
      const squareAvg = state.squareAvg.mul(alpha).add(g.square().mul(1 - alpha));
      const next: Record<string, Tensor> = { squareAvg };
      let denominator = squareAvg;
      if (centered) {
        next.gradAvg = state.gradAvg.mul(alpha).add(g.mul(1 - alpha));
        denominator = squareAvg.sub(next.gradAvg.square());
      }
      const step = g.div(denominator.sqrt().add(eps));
      if (!momentum) return { param: param.sub(step.mul(lr)), state: next };
      next.momentumBuffer = state.momentumBuffer.mul(momentum).add(step);
      return { param: param.sub(next.momentumBuffer.mul(lr)), state: next };
    },
  };
}

export class RMSprop extends Optimizer {
  constructor(params: Iterable<Tensor> | Module, options: OptimizerOptions & RmspropOptions) {
    super(params, rmspropRule(options), options);
  }
}
