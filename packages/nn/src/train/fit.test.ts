import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lastValueFrom, take, toArray } from 'rxjs';
import { registerBackend, setBackend } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { createDataset, xor } from '@loom/data';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../layers/activations.js';
import { Sequential } from '../layers/sequential.js';
import { crossEntropy } from '../losses/cross-entropy.js';
import { mse } from '../losses/mse.js';
import { SGD } from '../optim/sgd.js';
import { Adam } from '../optim/adam.js';
import { fit } from './fit.js';
import { evaluate } from './evaluate.js';
import type { EpochEvent, TrainEvent } from './train-event.js';

beforeAll(useCpu);

const data = xor({ samples: 64, seed: 1 });
const mlp = () => new Sequential(new Linear(2, 8, { seed: 1 }), new ReLU(), new Linear(8, 2, { seed: 2 }));

/** Lets pending promise callbacks and timers run until `done()` holds (bounded: never a timed wait). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('fit', () => {
  it('emits batch events, then an epoch event, per epoch, then completes', async () => {
    const model = mlp();
    const events = await lastValueFrom(
      fit(model, data, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0.1 }), epochs: 2, batchSize: 16 }).pipe(toArray()),
    );
    expect(events.map((e) => (e.type === 'batch' ? `b${e.epoch}.${e.batch}` : `${e.type}${e.epoch}`))).toEqual([
      'b0.0',
      'b0.1',
      'b0.2',
      'b0.3',
      'epoch0',
      'b1.0',
      'b1.1',
      'b1.2',
      'b1.3',
      'epoch1',
    ]);
    const batchEvents = events.filter((e) => e.type === 'batch');
    expect(batchEvents.map((e) => e.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const e of batchEvents) {
      expect(e.batches).toBe(4);
      expect(e.loss).toBeGreaterThan(0);
      expect(e.samplesPerSecond).toBeGreaterThan(0);
    }
    const epoch = events[4] as EpochEvent;
    expect(epoch.accuracy).toBeGreaterThanOrEqual(0);
    expect(epoch.epochs).toBe(2);
    expect(epoch.seconds).toBeGreaterThan(0);
  });

  it('reports validation loss and accuracy equal to evaluate() after the epoch', async () => {
    const model = mlp();
    const validation = xor({ samples: 32, seed: 2 });
    const events = await lastValueFrom(
      fit(model, data, { loss: crossEntropy, optimizer: new Adam(model, { lr: 0.05 }), epochs: 1, batchSize: 16, validationData: validation }).pipe(toArray()),
    );
    const epoch = events.at(-1) as EpochEvent;
    const check = await evaluate(model, validation, { loss: crossEntropy });
    expect(epoch.valLoss).toBeCloseTo(check.loss, 5);
    expect(epoch.valAccuracy).toBe(check.accuracy);
  });

  it('stops training within one step of unsubscribing', async () => {
    const model = mlp().eval();
    const optimizer = new SGD(model, { lr: 0.1 });
    const seen = await lastValueFrom(fit(model, data, { loss: crossEntropy, optimizer, epochs: 50, batchSize: 8 }).pipe(take(3), toArray()));
    expect(seen).toHaveLength(3);
    // fit() puts the model back in its previous (eval) mode when its loop ends.
    await settle(() => !model.training);
    expect(model.training).toBe(false);
    expect(await optimizer.stepCount.item()).toBe(3);
  });

  it('stops with an error naming the step when the loss becomes NaN', async () => {
    const inputs = new Float32Array(64).fill(1);
    inputs[2 * 20] = NaN; // example 20 of 32 is in batch 2 (batch size 8, no shuffling)
    const poisoned = createDataset({ name: 'poisoned', inputShape: [2], targetShape: [1] }, inputs, new Float32Array(32));
    const model = new Linear(2, 1);
    const events: TrainEvent[] = [];
    const run = fit(model, poisoned, { loss: mse, optimizer: new SGD(model, { lr: 0.1 }), batchSize: 8, shuffle: false, epochs: 3 });
    const error = await new Promise<unknown>((resolve, reject) =>
      run.subscribe({ next: (e) => events.push(e), error: resolve, complete: () => reject(new Error('completed instead of failing')) }),
    );
    expect(String(error)).toMatch(/the loss became NaN at step 2 \(epoch 0, batch 2\)/);
    expect(events.map((e) => e.type)).toEqual(['batch', 'batch']);
  });

  it('reports an infinite loss the same way', async () => {
    const model = new Linear(2, 1);
    const huge = createDataset({ name: 'huge', inputShape: [2], targetShape: [1] }, new Float32Array(8).fill(1e30), new Float32Array(4));
    await expect(lastValueFrom(fit(model, huge, { loss: mse, optimizer: new SGD(model, { lr: 0.1 }), batchSize: 4 }))).rejects.toThrow(
      /the loss became Infinity at step 0/,
    );
  });

  it('fails with the shape error of a model that does not fit the data', async () => {
    const model = new Linear(3, 2);
    await expect(lastValueFrom(fit(model, data, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0.1 }) }))).rejects.toThrow(
      /Linear: input \[32, 2\] must end in 3 features/,
    );
  });

  it('stops early when the monitored loss stops improving', async () => {
    const model = mlp();
    const events = await lastValueFrom(
      fit(model, data, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0 }), epochs: 10, batchSize: 16, earlyStopping: { patience: 1, minDelta: 1e-4 } }).pipe(
        toArray(),
      ),
    );
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'earlyStop', epoch: 2, bestEpoch: 0, monitor: 'loss' });
  });

  it('runs each training step as one replayed program (traced once per batch shape)', async () => {
    const backend = new CpuBackend();
    const prepare = vi.spyOn(backend, 'prepare');
    const replay = vi.spyOn(backend, 'replay');
    registerBackend('counting', () => backend);
    await setBackend('counting');
    try {
      const model = mlp();
      const trainSet = xor({ samples: 40, seed: 3 }); // batches of 16, 16 and 8
      await lastValueFrom(fit(model, trainSet, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0.1, momentum: 0.9 }), epochs: 2, batchSize: 16 }));
      expect(replay).toHaveBeenCalledTimes(6);
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      await useCpu();
    }
  });
});
