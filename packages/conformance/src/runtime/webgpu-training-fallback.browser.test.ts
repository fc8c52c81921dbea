/** A GPU reset in the middle of fit(): training goes on on the CPU from the weights it kept. */
import { CpuBackend } from '@loom/backend-cpu';
import { createWebGpuBackend } from '@loom/backend-webgpu';
import { xor } from '@loom/data';
import { registerBackend, setBackend } from '@loom/graph';
import { crossEntropy, evaluate, fit, Linear, ReLU, Sequential, SGD, type TrainEvent } from '@loom/nn';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { expect, it } from 'vitest';

it('fit survives a lost WebGPU device: a backendLost event, then training completes on the cpu', async () => {
  const gpu = await createWebGpuBackend();
  registerBackend('webgpu', () => gpu);
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('webgpu');
  const data = xor({ samples: 128, seed: 5 });
  const model = new Sequential(new Linear(2, 16, { seed: 1 }), new ReLU(), new Linear(16, 2, { seed: 2 }));
  const events$ = fit(model, data, {
    loss: crossEntropy,
    optimizer: new SGD(model, { lr: 0.2, momentum: 0.9 }),
    epochs: 10,
    batchSize: 32,
    recovery: { fallback: 'cpu', snapshotEvery: 4 },
  }).pipe(
    // What a driver reset looks like to the page, after the 10th step.
    tap((event: TrainEvent) => {
      if (event.type === 'batch' && event.step === 9) gpu.device.destroy();
    }),
    toArray(),
  );
  const events = await lastValueFrom(events$);
  const lost = events.find((e) => e.type === 'backendLost');
  expect(lost).toMatchObject({ lost: 'webgpu', fallback: 'cpu', step: 10, resumedFrom: 8 });
  expect(lost?.type === 'backendLost' && lost.reason).toMatch(/webgpu backend: the GPU device was (lost|destroyed)/);
  expect(events.filter((e) => e.type === 'epoch')).toHaveLength(10);
  const { accuracy } = await evaluate(model, data, { loss: crossEntropy });
  expect(accuracy).toBeGreaterThan(0.9);
});
