import { dropout, formatShape, stack, zeros, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { seedFor } from '../core/init.js';
import type { RecurrentCell } from './recurrent-cell.js';

export interface RecurrentOptions {
  /** Stacked layers; each layer's output sequence is the next one's input. */
  numLayers?: number;
  bias?: boolean;
  /** Inputs and outputs are [batch, time, features] instead of PyTorch's default [time, batch, features]. */
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last, in training. */
  dropout?: number;
  seed?: number;
}

/**
 * A multi-layer recurrent network unrolled over time: each layer projects its whole input
 * sequence in one matmul, then steps its cell. Final states are stacked [numLayers, batch, hidden].
 */
export abstract class Recurrent<Cell extends RecurrentCell> extends Module {
  readonly cells: readonly Cell[];
  readonly batchFirst: boolean;
  readonly dropout: number;

  protected constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    makeCell: (inputSize: number, seed: number | undefined) => Cell,
    { numLayers = 1, batchFirst = false, dropout = 0, seed }: RecurrentOptions,
  ) {
    super();
    if (!Number.isInteger(numLayers) || numLayers < 1) throw new Error(`${new.target.name}: numLayers must be a positive integer, got ${numLayers}`);
    this.cells = Array.from({ length: numLayers }, (_, l) => makeCell(l === 0 ? inputSize : hiddenSize, seedFor(seed, l)));
    this.batchFirst = batchFirst;
    this.dropout = dropout;
  }

  get numLayers(): number {
    return this.cells.length;
  }

  /**
   * Runs the sequence; `initial[k]` is state tensor k (h, then c for an LSTM) for every layer,
   * [numLayers, batch, hidden], zeros when omitted. Returns the last layer's outputs and the final
   * states in the same layout.
   */
  protected run(input: Tensor, initial: readonly (Tensor | undefined)[]): { output: Tensor; finals: Tensor[] } {
    const name = this.constructor.name;
    if (input.rank !== 3 || input.shape[2] !== this.inputSize)
      throw new Error(`${name}: input ${formatShape(input.shape)} must be [${this.batchFirst ? 'batch, time' : 'time, batch'}, ${this.inputSize}]`);
    let sequence = this.batchFirst ? input.transpose([1, 0, 2]) : input;
    const [steps, batch] = sequence.shape;
    for (const state of initial)
      if (state && (state.rank !== 3 || state.shape[0] !== this.numLayers || state.shape[1] !== batch || state.shape[2] !== this.hiddenSize))
        throw new Error(`${name}: initial state ${formatShape(state.shape)} must be [${this.numLayers}, ${batch}, ${this.hiddenSize}]`);
    const finals: Tensor[][] = initial.map(() => []);
    this.cells.forEach((cell, l) => {
      const projected = cell.projectInput(sequence);
      const step = cell.stepper();
      let state = initial.map((s) => (s ? s.slice([l], [l + 1]).reshape([batch, this.hiddenSize]) : zeros([batch, this.hiddenSize])));
      const outputs: Tensor[] = [];
      for (let t = 0; t < steps; t++) {
        state = step(projected.slice([t], [t + 1]).reshape([batch, projected.shape[2]]), state);
        outputs.push(state[0]);
      }
      state.forEach((s, k) => finals[k].push(s));
      sequence = stack(outputs, 0);
      if (this.dropout > 0 && l < this.cells.length - 1) sequence = dropout(sequence, this.dropout, { training: this.training });
    });
    return {
      output: this.batchFirst ? sequence.transpose([1, 0, 2]) : sequence,
      finals: finals.map((perLayer) => stack(perLayer, 0)),
    };
  }
}
