import { formatShape, fromArray, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { parameter } from '../core/parameter.js';
import { normal } from '../core/init.js';

export interface EmbeddingOptions {
  /** This index maps to a zero vector that is never trained (padding tokens). */
  paddingIdx?: number;
  seed?: number;
}

/**
 * A lookup table: int32 indices of any shape → [...shape, embeddingDim]. Weights start standard
 * normal, as in PyTorch; the gradient scatters back to the rows that were looked up.
 */
export class Embedding extends Module {
  readonly weight: Tensor;
  readonly paddingIdx: number | undefined;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    { paddingIdx, seed }: EmbeddingOptions = {},
  ) {
    super();
    if (paddingIdx !== undefined && !(Number.isInteger(paddingIdx) && paddingIdx >= 0 && paddingIdx < numEmbeddings))
      throw new Error(`Embedding: paddingIdx ${paddingIdx} is not an index below ${numEmbeddings}`);
    this.paddingIdx = paddingIdx;
    let init = normal([numEmbeddings, embeddingDim], { seed });
    if (paddingIdx !== undefined) init = init.mul(this.rowMask().reshape([numEmbeddings, 1]));
    this.weight = parameter(init);
  }

  private rowMask(): Tensor {
    const rows = new Float32Array(this.numEmbeddings).fill(1);
    rows[this.paddingIdx!] = 0;
    return fromArray(rows, [this.numEmbeddings]);
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') throw new Error(`Embedding: indices must be int32, got ${indices.dtype} ${formatShape(indices.shape)}`);
    const out = this.weight.gather(indices, 0);
    if (this.paddingIdx === undefined) return out;
    // Zero output (and so zero gradient) wherever the index is the padding index.
    return out.mul(indices.ne(this.paddingIdx).cast('float32').unsqueeze(-1));
  }
}
