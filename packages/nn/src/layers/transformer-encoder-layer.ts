import type { Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { seedFor } from '../core/init.js';
import { Dropout } from './dropout.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { MultiHeadAttention } from './multi-head-attention.js';

export interface TransformerEncoderLayerOptions {
  dimFeedforward?: number;
  dropout?: number;
  activation?: 'relu' | 'gelu';
  layerNormEps?: number;
  batchFirst?: boolean;
  /** Pre-norm (LayerNorm before each block: trains more stably when deep) instead of post-norm. */
  normFirst?: boolean;
  bias?: boolean;
  seed?: number;
}

export interface EncoderMasks {
  /** bool [L, L], true = blocked; or a float bias. */
  srcMask?: Tensor;
  /** bool [batch, L], true at padding. */
  srcKeyPaddingMask?: Tensor;
  isCausal?: boolean;
}

/**
 * Self-attention then a position-wise feed-forward network, each wrapped in a residual connection
 * and LayerNorm (PyTorch's nn.TransformerEncoderLayer, with the same parameter names).
 */
export class TransformerEncoderLayer extends Module {
  readonly selfAttn: MultiHeadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly activation: 'relu' | 'gelu';
  readonly normFirst: boolean;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    {
      dimFeedforward = 2048,
      dropout = 0.1,
      activation = 'relu',
      layerNormEps = 1e-5,
      batchFirst = false,
      normFirst = false,
      bias = true,
      seed,
    }: TransformerEncoderLayerOptions = {},
  ) {
    super();
    this.selfAttn = new MultiHeadAttention(dModel, nhead, { dropout, bias, batchFirst, seed: seedFor(seed, 0) });
    this.linear1 = new Linear(dModel, dimFeedforward, { bias, seed: seedFor(seed, 1) });
    this.dropout = new Dropout(dropout);
    this.linear2 = new Linear(dimFeedforward, dModel, { bias, seed: seedFor(seed, 2) });
    this.norm1 = new LayerNorm(dModel, { eps: layerNormEps });
    this.norm2 = new LayerNorm(dModel, { eps: layerNormEps });
    this.dropout1 = new Dropout(dropout);
    this.dropout2 = new Dropout(dropout);
    this.activation = activation;
    this.normFirst = normFirst;
  }

  forward(src: Tensor, masks: EncoderMasks = {}): Tensor {
    const attend = (x: Tensor) =>
      this.dropout1.forward(
        this.selfAttn.forward(x, x, x, { attnMask: masks.srcMask, keyPaddingMask: masks.srcKeyPaddingMask, isCausal: masks.isCausal }).output,
      );
    const feedForward = (x: Tensor) => {
      const hidden = this.linear1.forward(x);
      const activated = this.activation === 'relu' ? hidden.relu() : hidden.gelu();
      return this.dropout2.forward(this.linear2.forward(this.dropout.forward(activated)));
    };
    if (this.normFirst) {
      const x = src.add(attend(this.norm1.forward(src)));
      return x.add(feedForward(this.norm2.forward(x)));
    }
    const x = this.norm1.forward(src.add(attend(src)));
    return this.norm2.forward(x.add(feedForward(x)));
  }
}
