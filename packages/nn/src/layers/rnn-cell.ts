import { RecurrentCell, type CellStep, type RecurrentCellOptions } from './recurrent-cell.js';

export interface RNNCellOptions extends RecurrentCellOptions {
  nonlinearity?: 'tanh' | 'relu';
}

/** Elman cell: h' = tanh(x Wihᵀ + bih + h Whhᵀ + bhh). */
export class RNNCell extends RecurrentCell {
  readonly stateCount = 1;
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super(inputSize, hiddenSize, 1, options);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }

  stepper(): CellStep {
    const whh = this.weightHh.transpose();
    return (x, [h]) => {
      let pre = x.add(h.matmul(whh));
      if (this.biasHh) pre = pre.add(this.biasHh);
      return [this.nonlinearity === 'tanh' ? pre.tanh() : pre.relu()];
    };
  }
}

