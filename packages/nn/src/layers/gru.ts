import type { Tensor } from '@loom/graph';
import { Recurrent, type RecurrentOptions } from './recurrent.js';
import { GRUCell } from './gru-cell.js';

export interface GRUOptions extends RecurrentOptions {
  /** See GRUCell: true (PyTorch's form, the default) or false (tfjs's). */
  resetAfter?: boolean;
}

/** GRU over a sequence. `forward(x, h0?)` → { output, h: [numLayers, B, H] }. Gates r, z, n. */
export class GRU extends Recurrent<GRUCell> {
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    const { bias, resetAfter } = options;
    super(inputSize, hiddenSize, (size, seed) => new GRUCell(size, hiddenSize, { bias, resetAfter, seed }), options);
  }

  forward(input: Tensor, h0?: Tensor): { output: Tensor; h: Tensor } {
    const { output, finals } = this.run(input, [h0]);
    return { output, h: finals[0] };
  }
}
