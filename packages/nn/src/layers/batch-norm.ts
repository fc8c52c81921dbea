import { formatShape, ones, zeros, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { buffer, parameter } from '../core/parameter.js';

export interface BatchNormOptions {
  eps?: number;
  /** Weight of the newest batch in the running statistics. */
  momentum?: number;
  /** Learn a per-channel scale and shift. */
  affine?: boolean;
  /** Keep running statistics for evaluation (otherwise batch statistics are used in both modes). */
  trackRunningStats?: boolean;
}

/**
 * Normalises each channel (axis 1) by its batch mean and variance in training, by running averages
 * in evaluation. The running statistics change in a training forward; the change is applied with
 * the next optimizer step (see Module.updateBuffer), inside the same compiled program.
 */
abstract class BatchNorm extends Module {
  readonly weight: Tensor | undefined;
  readonly bias: Tensor | undefined;
  readonly runningMean: Tensor | undefined;
  readonly runningVar: Tensor | undefined;
  readonly eps: number;
  readonly momentum: number;

  protected constructor(
    readonly numFeatures: number,
    private readonly ranks: readonly number[],
    { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true }: BatchNormOptions,
  ) {
    super();
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? parameter(ones([numFeatures])) : undefined;
    this.bias = affine ? parameter(zeros([numFeatures])) : undefined;
    this.runningMean = trackRunningStats ? buffer(zeros([numFeatures])) : undefined;
    this.runningVar = trackRunningStats ? buffer(ones([numFeatures])) : undefined;
  }

  forward(input: Tensor): Tensor {
    const name = this.constructor.name;
    if (!this.ranks.includes(input.rank) || input.shape[1] !== this.numFeatures)
      throw new Error(`${name}: input ${formatShape(input.shape)} must have rank ${this.ranks.join(' or ')} with ${this.numFeatures} channels on axis 1`);
    const axes = input.shape.map((_, i) => i).filter((i) => i !== 1);
    const perChannel = [this.numFeatures, ...new Array<number>(input.rank - 2).fill(1)];
    let mean: Tensor;
    let variance: Tensor;
    if (this.training || !this.runningMean || !this.runningVar) {
      mean = input.mean(axes);
      variance = input.variance(axes);
      if (this.training && this.runningMean && this.runningVar) this.trackStatistics(mean, variance, input.size / this.numFeatures);
    } else {
      mean = this.currentBuffer(this.runningMean);
      variance = this.currentBuffer(this.runningVar);
    }
    let out = input.sub(mean.reshape(perChannel)).mul(variance.add(this.eps).rsqrt().reshape(perChannel));
    if (this.weight) out = out.mul(this.weight.reshape(perChannel));
    if (this.bias) out = out.add(this.bias.reshape(perChannel));
    return out;
  }

  /** Running averages use the unbiased variance, as PyTorch's do. */
  private trackStatistics(mean: Tensor, variance: Tensor, count: number): void {
    const m = this.momentum;
    const unbiased = variance.detach().mul(count / Math.max(count - 1, 1));
    this.updateBuffer(this.runningMean!, this.currentBuffer(this.runningMean!).mul(1 - m).add(mean.detach().mul(m)));
    this.updateBuffer(this.runningVar!, this.currentBuffer(this.runningVar!).mul(1 - m).add(unbiased.mul(m)));
  }
}

/** BatchNorm over [N, C] or [N, C, L] inputs. */
export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, [2, 3], options);
  }
}

/** BatchNorm over [N, C, H, W] images. */
export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, [4], options);
  }
}
