import type { Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import type { LayerNorm } from './layer-norm.js';
import type { EncoderMasks, TransformerEncoderLayer } from './transformer-encoder-layer.js';

/**
 * A stack of encoder layers, each made by `makeLayer(i)` (so each has its own weights), with an
 * optional final LayerNorm (use one with pre-norm layers).
 */
export class TransformerEncoder extends Module {
  readonly layers: readonly TransformerEncoderLayer[];
  readonly norm: LayerNorm | undefined;

  constructor(makeLayer: (index: number) => TransformerEncoderLayer, numLayers: number, { norm }: { norm?: LayerNorm } = {}) {
    super();
    this.layers = Array.from({ length: numLayers }, (_, i) => makeLayer(i));
    this.norm = norm;
  }

  forward(src: Tensor, masks: EncoderMasks = {}): Tensor {
    const out = this.layers.reduce((x, layer) => layer.forward(x, masks), src);
    return this.norm ? this.norm.forward(out) : out;
  }
}
