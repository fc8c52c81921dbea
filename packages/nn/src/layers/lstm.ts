import type { Tensor } from '@loom/graph';
import { Recurrent, type RecurrentOptions } from './recurrent.js';
import { LSTMCell } from './lstm-cell.js';

/**
 * LSTM over a sequence. `forward(x, { h, c }?)` → { output: [T, B, H] (or [B, T, H] batchFirst),
 * h, c: [numLayers, B, H] }. Gates in PyTorch's order i, f, g, o.
 */
export class LSTM extends Recurrent<LSTMCell> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super(inputSize, hiddenSize, (size, seed) => new LSTMCell(size, hiddenSize, { bias: options.bias, seed }), options);
  }

  forward(input: Tensor, state: { h?: Tensor; c?: Tensor } = {}): { output: Tensor; h: Tensor; c: Tensor } {
    const { output, finals } = this.run(input, [state.h, state.c]);
    return { output, h: finals[0], c: finals[1] };
  }
}
