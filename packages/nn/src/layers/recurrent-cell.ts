import { formatShape, zeros, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { parameter } from '../core/parameter.js';
import { seedFor, uniform } from '../core/init.js';

export interface RecurrentCellOptions {
  bias?: boolean;
  seed?: number;
}

/** Advances a cell one time step: (input projected by weightIh, state) → new state (h first). */
export type CellStep = (projectedInput: Tensor, state: readonly Tensor[]) => Tensor[];

/**
 * What RNN, LSTM and GRU cells share: weightIh [gates·H, I], weightHh [gates·H, H] and two biases,
 * initialised uniform(±1/√H) as in PyTorch. The input projection of a whole sequence is one matmul;
 * only the hidden projection runs per step.
 */
export abstract class RecurrentCell extends Module {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly biasIh: Tensor | undefined;
  readonly biasHh: Tensor | undefined;
  /** Tensors carried between steps: 1 (h), or 2 for an LSTM (h, c). */
  abstract readonly stateCount: number;

  protected constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    readonly gates: number,
    { bias = true, seed }: RecurrentCellOptions,
  ) {
    super();
    const bound = 1 / Math.sqrt(hiddenSize);
    const init = (shape: number[], n: number) => parameter(uniform(shape, -bound, bound, { seed: seedFor(seed, n) }));
    this.weightIh = init([gates * hiddenSize, inputSize], 0);
    this.weightHh = init([gates * hiddenSize, hiddenSize], 1);
    this.biasIh = bias ? init([gates * hiddenSize], 2) : undefined;
    this.biasHh = bias ? init([gates * hiddenSize], 3) : undefined;
  }

  /** x [..., I] → x Wihᵀ + bih [..., gates·H], for every time step at once. */
  projectInput(input: Tensor): Tensor {
    if (input.shape[input.rank - 1] !== this.inputSize)
      throw new Error(`${this.constructor.name}: input ${formatShape(input.shape)} must end in ${this.inputSize} features`);
    const rows = input.reshape([-1, this.inputSize]).matmul(this.weightIh.transpose());
    const biased = this.biasIh ? rows.add(this.biasIh) : rows;
    return biased.reshape([...input.shape.slice(0, -1), this.gates * this.hiddenSize]);
  }

  /** A step function with the transposed recurrent weight computed once for the whole sequence. */
  abstract stepper(): CellStep;

  /** Gate k of a [B, gates·H] pre-activation. */
  protected gate(preActivation: Tensor, k: number): Tensor {
    const h = this.hiddenSize;
    return preActivation.slice([0, k * h], [preActivation.shape[0], (k + 1) * h]);
  }

  /** One step from an unprojected input [B, I], PyTorch's cell call: returns the new state. */
  forward(input: Tensor, state?: readonly Tensor[]): Tensor[] {
    const batch = input.shape[0];
    const initial = state ?? Array.from({ length: this.stateCount }, () => zeros([batch, this.hiddenSize]));
    return this.stepper()(this.projectInput(input), initial);
  }
}
