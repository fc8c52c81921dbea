import { tensor, type Tensor, type TypedArray } from '@loom/graph';
import type { Module, StateDict } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';

/**
 * Host copies of a model's and its optimizer's state at one step: what training restores when the
 * backend holding the live values is lost (a GPU reset), since a lost device cannot give them back.
 */
export class TrainingSnapshot {
  private constructor(
    /** The step the values are from (steps before it are kept, later ones are lost). */
    readonly step: number,
    private readonly model: HostState,
    private readonly optimizer: HostState,
  ) {}

  static async take(model: Module, optimizer: Optimizer, step: number): Promise<TrainingSnapshot> {
    return new TrainingSnapshot(step, await copyToHost(model.stateDict()), await copyToHost(optimizer.stateDict()));
  }

  /** Writes the saved values back; they upload to whichever backend is active when next used. */
  async restore(model: Module, optimizer: Optimizer): Promise<void> {
    await model.loadStateDict(fromHost(this.model));
    await optimizer.loadStateDict(fromHost(this.optimizer));
  }
}

type HostState = Record<string, { data: TypedArray; shape: readonly number[]; dtype: Tensor['dtype'] }>;

async function copyToHost(state: StateDict): Promise<HostState> {
  const names = Object.keys(state);
  const values = await Promise.all(names.map((name) => state[name].data()));
  return Object.fromEntries(names.map((name, i) => [name, { data: values[i], shape: state[name].shape, dtype: state[name].dtype }]));
}

function fromHost(state: HostState): StateDict {
  return Object.fromEntries(
    Object.entries(state).map(([name, { data, shape, dtype }]) => [name, tensor(data, { shape: [...shape], dtype })]),
  );
}
