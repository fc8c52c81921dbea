import { dropout, fromArray, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';

export interface PositionalEncodingOptions {
  /** The longest sequence the table covers. */
  maxLen?: number;
  /** Dropout on the sum, in training (the PyTorch tutorial's 0.1 by default). */
  dropout?: number;
  /** [batch, seq, dModel] instead of [seq, batch, dModel]. */
  batchFirst?: boolean;
}

/**
 * Adds the sinusoidal position code of "Attention Is All You Need": PE[pos, 2i] = sin(pos / 10000^(2i/d)),
 * PE[pos, 2i+1] = cos(…). The table is derived from the arguments, so it is not in the state dict.
 */
export class PositionalEncoding extends Module {
  /** [maxLen, dModel] */
  readonly table: Tensor;
  readonly dropout: number;
  readonly batchFirst: boolean;

  constructor(
    readonly dModel: number,
    { maxLen = 5000, dropout = 0.1, batchFirst = false }: PositionalEncodingOptions = {},
  ) {
    super();
    const values = new Float32Array(maxLen * dModel);
    for (let pos = 0; pos < maxLen; pos++)
      for (let i = 0; i < dModel; i += 2) {
        const angle = pos / 10000 ** (i / dModel);
        values[pos * dModel + i] = Math.sin(angle);
        if (i + 1 < dModel) values[pos * dModel + i + 1] = Math.cos(angle);
      }
    this.table = fromArray(values, [maxLen, dModel]);
    this.dropout = dropout;
    this.batchFirst = batchFirst;
  }

  forward(input: Tensor): Tensor {
    const length = input.shape[this.batchFirst ? 1 : 0];
    if (input.rank !== 3 || input.shape[2] !== this.dModel || length > this.table.shape[0])
      throw new Error(
        `PositionalEncoding: input [${input.shape.join(', ')}] must be rank 3 with ${this.dModel} features and at most ${this.table.shape[0]} positions`,
      );
    const codes = this.table.slice([0], [length]);
    const sum = input.add(this.batchFirst ? codes : codes.reshape([length, 1, this.dModel]));
    return dropout(sum, this.dropout, { training: this.training });
  }
}
