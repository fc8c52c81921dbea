import { describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { BackendLostError, registerBackend, setBackend, type BufferId, type Program, type TypedArray } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { xor } from '@loom/data';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../layers/activations.js';
import { Sequential } from '../layers/sequential.js';
import { crossEntropy } from '../losses/cross-entropy.js';
import { SGD } from '../optim/sgd.js';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';
import type { BackendLostEvent, TrainEvent } from './train-event.js';

/** A CPU backend that behaves like a GPU after a driver reset once it has replayed `steps` programs. */
class FlakyBackend extends CpuBackend {
  private replays = 0;
  constructor(private readonly steps: number) {
    super();
  }
  private check(): void {
    if (this.replays >= this.steps) throw new BackendLostError('flaky', 'flaky backend: the device was lost (test)');
  }
  override replay(programId: number, params: readonly BufferId[], results: readonly BufferId[]): void {
    this.check();
    this.replays++;
    super.replay(programId, params, results);
  }
  override run(program: Program): void {
    this.check();
    super.run(program);
  }
  override read(id: BufferId): Promise<TypedArray> {
    this.check();
    return super.read(id);
  }
}

const data = xor({ samples: 128, seed: 3 });
const mlp = () => new Sequential(new Linear(2, 16, { seed: 1 }), new ReLU(), new Linear(16, 2, { seed: 2 }));

async function trainOnFlaky(recovery: boolean): Promise<{ events: TrainEvent[]; model: Sequential }> {
  registerBackend('flaky', () => new FlakyBackend(7));
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('flaky');
  const model = mlp();
  const optimizer = new SGD(model, { lr: 0.2, momentum: 0.9 });
  const events$ = fit(model, data, {
    loss: crossEntropy,
    optimizer,
    epochs: 12,
    batchSize: 32,
    ...(recovery && { recovery: { fallback: 'cpu', snapshotEvery: 3 } }),
  });
  return { events: await lastValueFrom(events$.pipe(toArray())), model };
}

describe('fit with recovery', () => {
  it('goes on on the fallback backend from the last snapshot when the backend is lost', async () => {
    const { events, model } = await trainOnFlaky(true);
    const lost = events.filter((e): e is BackendLostEvent => e.type === 'backendLost');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ lost: 'flaky', fallback: 'cpu', step: 6, resumedFrom: 6 });
    expect(lost[0].reason).toMatch(/device was lost/);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(12);
    // The weights survived and kept learning: xor is solved on the fallback backend.
    const { accuracy } = await evaluate(model, data, { loss: crossEntropy });
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it('without recovery, a lost backend ends training with its error', async () => {
    await expect(trainOnFlaky(false)).rejects.toThrow(/flaky backend: the device was lost/);
  });
});
