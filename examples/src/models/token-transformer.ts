import type { Tensor } from '@loom/graph';
import { Embedding, LayerNorm, Linear, Module, PositionalEncoding, TransformerEncoder, TransformerEncoderLayer } from '@loom/nn';

export interface TokenTransformerOptions {
  dModel?: number;
  heads?: number;
  layers?: number;
  dimFeedforward?: number;
  dropout?: number;
  maxLen?: number;
  /** Each position sees only itself and earlier ones: a language model. Off: a sequence tagger. */
  causal?: boolean;
}

/**
 * Token ids [batch, time] → logits [batch, time, vocabulary]: embedding plus sinusoidal positions,
 * pre-norm encoder layers, a final LayerNorm and a linear head. The embedding is not scaled by √d:
 * with Embedding's N(0, 1) start that would drown the ±1 position codes.
 */
export class TokenTransformer extends Module {
  readonly embedding: Embedding;
  readonly positions: PositionalEncoding;
  readonly encoder: TransformerEncoder;
  readonly head: Linear;
  readonly causal: boolean;

  constructor(vocabulary: number, { dModel = 64, heads = 4, layers = 2, dimFeedforward = 4 * dModel, dropout = 0.1, maxLen = 512, causal = true }: TokenTransformerOptions = {}) {
    super();
    this.embedding = new Embedding(vocabulary, dModel);
    this.positions = new PositionalEncoding(dModel, { maxLen, dropout, batchFirst: true });
    this.encoder = new TransformerEncoder(
      () => new TransformerEncoderLayer(dModel, heads, { dimFeedforward, dropout, batchFirst: true, normFirst: true }),
      layers,
      { norm: new LayerNorm(dModel) },
    );
    this.head = new Linear(dModel, vocabulary);
    this.causal = causal;
  }

  forward(tokens: Tensor): Tensor {
    const x = this.positions.forward(this.embedding.forward(tokens));
    return this.head.forward(this.encoder.forward(x, { isCausal: this.causal }));
  }
}
