import { RecurrentCell, type CellStep, type RecurrentCellOptions } from './recurrent-cell.js';

/**
 * Long short-term memory cell, gates in PyTorch's order i, f, g, o:
 * c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). State is [h, c].
 */
export class LSTMCell extends RecurrentCell {
  readonly stateCount = 2;

  constructor(inputSize: number, hiddenSize: number, options: RecurrentCellOptions = {}) {
    super(inputSize, hiddenSize, 4, options);
  }

  stepper(): CellStep {
    const whh = this.weightHh.transpose();
    return (x, [h, c]) => {
      let pre = x.add(h.matmul(whh));
      if (this.biasHh) pre = pre.add(this.biasHh);
      const [i, f, g, o] = [0, 1, 2, 3].map((k) => this.gate(pre, k));
      const cell = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
      return [o.sigmoid().mul(cell.tanh()), cell];
    };
  }
}
