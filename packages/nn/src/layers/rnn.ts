import type { Tensor } from '@loom/graph';
import { Recurrent, type RecurrentOptions } from './recurrent.js';
import { RNNCell } from './rnn-cell.js';

export interface RNNOptions extends RecurrentOptions {
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * Elman RNN over a sequence. `forward(x, h0?)` → { output: [T, B, H] (or [B, T, H] batchFirst),
 * h: [numLayers, B, H] }. Parameters: cells.<layer>.weightIh / weightHh / biasIh / biasHh.
 */
export class RNN extends Recurrent<RNNCell> {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const { nonlinearity, bias } = options;
    super(inputSize, hiddenSize, (size, seed) => new RNNCell(size, hiddenSize, { nonlinearity, bias, seed }), options);
  }

  forward(input: Tensor, h0?: Tensor): { output: Tensor; h: Tensor } {
    const { output, finals } = this.run(input, [h0]);
    return { output, h: finals[0] };
  }
}
