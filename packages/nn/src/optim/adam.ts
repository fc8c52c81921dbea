import { zeros, type Tensor } from '@loom/graph';
import type { Module } from '../core/module.js';
import { Optimizer, type OptimizerOptions, type UpdateRule } from './optimizer.js';

export interface AdamOptions {
  betas?: readonly [number, number];
  eps?: number;
  /** Adam: an L2 term added to the gradient. AdamW: decay applied to the weights directly. */
  weightDecay?: number;
}

/** bᵗ for a tensor step count t. */
const power = (base: number, t: Tensor) => t.mul(Math.log(base)).exp();

/**
 * Adam with bias correction: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g²,
 * p −= lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε). `decoupled` makes it AdamW: p −= lr·wd·p.
 */
export function adamRule({ betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 }: AdamOptions = {}, decoupled = false): UpdateRule {
  const [beta1, beta2] = betas;
  return {
    init: (param) => ({ expAvg: zeros(param.shape), expAvgSq: zeros(param.shape) }),
    update: ({ param, grad, state, count, lr }) => {
      const g = weightDecay && !decoupled ? grad.add(param.mul(weightDecay)) : grad;
      const expAvg = state.expAvg.mul(beta1).add(g.mul(1 - beta1));
      const expAvgSq = state.expAvgSq.mul(beta2).add(g.square().mul(1 - beta2));
      const mHat = expAvg.div(power(beta1, count).neg().add(1));
      const vHat = expAvgSq.div(power(beta2, count).neg().add(1));
      const decayed = weightDecay && decoupled ? param.sub(param.mul(lr).mul(weightDecay)) : param;
      return { param: decayed.sub(mHat.div(vHat.sqrt().add(eps)).mul(lr)), state: { expAvg, expAvgSq } };
    },
  };
}

/** @example const opt = new Adam(model.parameters(), { lr: 1e-3 }) */
export class Adam extends Optimizer {
  constructor(params: Iterable<Tensor> | Module, options: OptimizerOptions & AdamOptions) {
    super(params, adamRule(options), options);
  }
}

/** Adam with decoupled weight decay (Loshchilov & Hutter); weightDecay defaults to 0.01 as in PyTorch. */
export class AdamW extends Optimizer {
  constructor(params: Iterable<Tensor> | Module, options: OptimizerOptions & AdamOptions) {
    super(params, adamRule({ weightDecay: 0.01, ...options }, true), options);
  }
}
