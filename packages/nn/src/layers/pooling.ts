import type { PaddingOption, Tensor } from '@loom/graph';
import { Module } from '../core/module.js';

type Pair = readonly [number, number];

export interface PoolLayerOptions {
  /** Defaults to the kernel size (non-overlapping windows). */
  stride?: number | Pair;
  padding?: PaddingOption;
}

/** The maximum of each window of an NCHW image. @example new MaxPool2d(2) // [N, C, 26, 26] → [N, C, 13, 13] */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: number | Pair,
    private readonly options: PoolLayerOptions = {},
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.maxPool2d({ kernelSize: this.kernelSize, ...this.options });
  }
}

/** The mean of each window; padding counts toward the divisor unless countIncludePad is false. */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: number | Pair,
    private readonly options: PoolLayerOptions & { countIncludePad?: boolean } = {},
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.avgPool2d({ kernelSize: this.kernelSize, ...this.options });
  }
}
