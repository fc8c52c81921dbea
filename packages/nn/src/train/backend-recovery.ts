import { getBackend, setBackend } from '@loom/graph';
import type { LayerModule } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { RecoveryOptions } from './fit.js';
import type { BackendLostEvent } from './train-event.js';
import { TrainingSnapshot } from './training-snapshot.js';

/** fit()'s answer to a lost backend: periodic host snapshots, and a switch to the fallback backend. */
export class BackendRecovery {
  private constructor(
    private readonly model: LayerModule,
    private readonly optimizer: Optimizer,
    private readonly every: number,
    private readonly fallback: string,
    private snapshot: TrainingSnapshot,
  ) {}

  static async start(model: LayerModule, optimizer: Optimizer, { fallback, snapshotEvery = 50 }: RecoveryOptions): Promise<BackendRecovery> {
    if (!Number.isInteger(snapshotEvery) || snapshotEvery < 1)
      throw new Error(`fit: recovery.snapshotEvery must be a positive integer, got ${snapshotEvery}`);
    return new BackendRecovery(model, optimizer, snapshotEvery, fallback, await TrainingSnapshot.take(model, optimizer, 0));
  }

  /** Called after each finished step: keeps a fresh snapshot every `every` steps. */
  async stepDone(step: number): Promise<void> {
    if (step % this.every === 0) this.snapshot = await TrainingSnapshot.take(this.model, this.optimizer, step);
  }

  /** Moves training to the fallback backend with the last snapshot's values. */
  async recover(error: Error, epoch: number, step: number): Promise<BackendLostEvent> {
    const lost = getBackend().name;
    if (lost === this.fallback) throw error;
    const info = await setBackend(this.fallback);
    await this.snapshot.restore(this.model, this.optimizer);
    return { type: 'backendLost', epoch, step, lost, fallback: info.name, resumedFrom: this.snapshot.step, reason: error.message };
  }
}
