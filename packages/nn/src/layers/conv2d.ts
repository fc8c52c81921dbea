import { formatShape, type PaddingOption, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { parameter } from '../core/parameter.js';
import { defaultBias, defaultWeight, seedFor } from '../core/init.js';

type Pair = readonly [number, number];

export interface Conv2dLayerOptions {
  stride?: number | Pair;
  /** A number or pair pads both sides; 'same' keeps the size (at stride 1); 'valid' pads nothing. */
  padding?: PaddingOption;
  dilation?: number | Pair;
  groups?: number;
  bias?: boolean;
  seed?: number;
}

/**
 * 2-D convolution over NCHW images; weight [outChannels, inChannels/groups, kH, kW] as in PyTorch.
 * @example new Conv2d(1, 32, 3).forward(x) // x [N, 1, 28, 28] → [N, 32, 26, 26]
 */
export class Conv2d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;
  private readonly options: { stride: number | Pair; padding: PaddingOption; dilation: number | Pair; groups: number };

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | Pair,
    { stride = 1, padding = 0, dilation = 1, groups = 1, bias = true, seed }: Conv2dLayerOptions = {},
  ) {
    super();
    if (inChannels % groups !== 0 || outChannels % groups !== 0)
      throw new Error(`Conv2d: groups ${groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    const [kh, kw] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
    const shape = [outChannels, inChannels / groups, kh, kw];
    this.weight = parameter(defaultWeight(shape, seedFor(seed, 0)));
    this.bias = bias ? parameter(defaultBias(outChannels, (inChannels / groups) * kh * kw, seedFor(seed, 1))) : undefined;
    this.options = { stride, padding, dilation, groups };
  }

  forward(input: Tensor): Tensor {
    if (input.rank !== 4 || input.shape[1] !== this.inChannels)
      throw new Error(`Conv2d: input ${formatShape(input.shape)} must be NCHW with ${this.inChannels} channels`);
    const out = input.conv2d(this.weight, this.options);
    return this.bias ? out.add(this.bias.reshape([this.outChannels, 1, 1])) : out;
  }
}
