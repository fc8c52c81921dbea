import { formatShape, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { parameter } from '../core/parameter.js';
import { defaultBias, defaultWeight, seedFor } from '../core/init.js';

export interface LinearOptions {
  bias?: boolean;
  seed?: number;
}

/**
 * y = x Wᵀ + b over the last axis, with W of shape [outFeatures, inFeatures] as in PyTorch.
 * @example new Linear(784, 128).forward(x) // x [64, 784] → [64, 128]
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    { bias = true, seed }: LinearOptions = {},
  ) {
    super();
    this.weight = parameter(defaultWeight([outFeatures, inFeatures], seedFor(seed, 0)));
    this.bias = bias ? parameter(defaultBias(outFeatures, inFeatures, seedFor(seed, 1))) : undefined;
  }

  forward(input: Tensor): Tensor {
    const last = input.shape[input.rank - 1];
    if (input.rank < 1 || last !== this.inFeatures)
      throw new Error(`Linear: input ${formatShape(input.shape)} must end in ${this.inFeatures} features`);
    // Leading axes fold into one, so the weight is one matrix rather than broadcast per batch.
    const rows = input.rank === 2 ? input : input.reshape([-1, this.inFeatures]);
    let out = rows.matmul(this.weight.transpose());
    if (this.bias) out = out.add(this.bias);
    return input.rank === 2 ? out : out.reshape([...input.shape.slice(0, -1), this.outFeatures]);
  }
}
