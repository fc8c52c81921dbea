import { layerNorm, ones, zeros, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { parameter } from '../core/parameter.js';

export interface LayerNormLayerOptions {
  eps?: number;
  /** Learn a scale and shift of shape normalizedShape. */
  elementwiseAffine?: boolean;
}

/** Normalises over the trailing axes of shape normalizedShape, per example. */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly weight: Tensor | undefined;
  readonly bias: Tensor | undefined;
  readonly eps: number;

  constructor(normalizedShape: number | readonly number[], { eps = 1e-5, elementwiseAffine = true }: LayerNormLayerOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = eps;
    this.weight = elementwiseAffine ? parameter(ones(this.normalizedShape)) : undefined;
    this.bias = elementwiseAffine ? parameter(zeros(this.normalizedShape)) : undefined;
  }

  forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
}
