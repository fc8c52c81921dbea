import type { Tensor } from '@loom/graph';
import { RecurrentCell, type CellStep, type RecurrentCellOptions } from './recurrent-cell.js';

export interface GRUCellOptions extends RecurrentCellOptions {
  /**
   * Apply the reset gate after the recurrent matmul (PyTorch, cuDNN, Keras 2: the default) or before
   * it (the original GRU paper, and tfjs's only form).
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit, gates in PyTorch's order r, z, n:
 * r = σ(·), z = σ(·), n = tanh(x_n + r·(h Whnᵀ + bhn)), h' = (1 − z)·n + z·h.
 */
export class GRUCell extends RecurrentCell {
  readonly stateCount = 1;
  readonly resetAfter: boolean;

  constructor(inputSize: number, hiddenSize: number, options: GRUCellOptions = {}) {
    super(inputSize, hiddenSize, 3, options);
    this.resetAfter = options.resetAfter ?? true;
  }

  stepper(): CellStep {
    const hs = this.hiddenSize;
    const whh = this.weightHh.transpose();
    const bhh = this.biasHh;
    const biasOf = (k: number, pre: Tensor) => (bhh ? pre.add(bhh.slice([k * hs], [(k + 1) * hs])) : pre);
    if (this.resetAfter)
      return (x, [h]) => {
        let rec = h.matmul(whh);
        if (bhh) rec = rec.add(bhh);
        const r = this.gate(x, 0).add(this.gate(rec, 0)).sigmoid();
        const z = this.gate(x, 1).add(this.gate(rec, 1)).sigmoid();
        const n = this.gate(x, 2).add(r.mul(this.gate(rec, 2))).tanh();
        return [z.neg().add(1).mul(n).add(z.mul(h))];
      };
    const whhRz = whh.slice([0, 0], [hs, 2 * hs]);
    const whhN = whh.slice([0, 2 * hs], [hs, 3 * hs]);
    return (x, [h]) => {
      const rec = h.matmul(whhRz);
      const r = biasOf(0, this.gate(x, 0).add(rec.slice([0, 0], [rec.shape[0], hs]))).sigmoid();
      const z = biasOf(1, this.gate(x, 1).add(rec.slice([0, hs], [rec.shape[0], 2 * hs]))).sigmoid();
      const n = biasOf(2, this.gate(x, 2).add(r.mul(h).matmul(whhN))).tanh();
      return [z.neg().add(1).mul(n).add(z.mul(h))];
    };
  }
}
