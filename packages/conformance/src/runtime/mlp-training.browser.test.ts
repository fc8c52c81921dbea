/**
 * The same MLP trained on the CPU and on WebGPU from the same weights and data: the loss curves
 * must agree step by step (float32 on both, kernels accumulating in different orders).
 */
import { CpuBackend } from '@loom/backend-cpu';
import { createWebGpuBackend } from '@loom/backend-webgpu';
import { assign, compile, oneHot, registerBackend, setBackend, tensor, valueAndGrad, type Tensor } from '@loom/graph';
import { beforeAll, expect, it } from 'vitest';
import { makeRng } from '../random.js';

const STEPS = 30;
const [SAMPLES, FEATURES, HIDDEN, CLASSES] = [32, 8, 16, 3];

beforeAll(async () => {
  const webgpu = await createWebGpuBackend();
  registerBackend('webgpu', () => webgpu);
  registerBackend('cpu', () => new CpuBackend());
});

function values(n: number, seed: number, scale: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: n }, () => (2 * rng() - 1) * scale);
}

/** Three Gaussian-ish blobs: class k sits around a different corner of feature space. */
function dataset(): { x: Float32Array; labels: Int32Array } {
  const noise = values(SAMPLES * FEATURES, 7, 0.5);
  const labels = Int32Array.from({ length: SAMPLES }, (_, i) => i % CLASSES);
  const x = noise.map((v, j) => v + (Math.floor(j / FEATURES) % CLASSES === j % FEATURES % CLASSES ? 1 : 0));
  return { x, labels };
}

function forward([w1, b1, w2, b2]: readonly Tensor[], x: Tensor): Tensor {
  return x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
}

/** Trains from fixed initial weights on the named backend; returns the loss of every step. */
async function train(backend: string, compiled: boolean): Promise<number[]> {
  await setBackend(backend);
  const params = [
    tensor(values(FEATURES * HIDDEN, 1, 0.5), { shape: [FEATURES, HIDDEN] }),
    tensor(values(HIDDEN, 2, 0.1)),
    tensor(values(HIDDEN * CLASSES, 3, 0.5), { shape: [HIDDEN, CLASSES] }),
    tensor(values(CLASSES, 4, 0.1)),
  ];
  const { x, labels } = dataset();
  const inputs = tensor(x, { shape: [SAMPLES, FEATURES] });
  const targets = oneHot(tensor(labels, { shape: [SAMPLES] }), CLASSES);
  const loss = (...p: Tensor[]) => forward(p, inputs).logSoftmax(-1).mul(targets).sum().neg().div(SAMPLES);
  const sgd = async () => {
    const { value, grads } = await valueAndGrad(loss)(...params);
    await assign(params.map((p, i) => [p, p.sub(grads[i].mul(0.5))] as const));
    return value;
  };
  const step = compiled ? compile(sgd) : sgd;
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) losses.push(await (await step()).item());
  return losses;
}

function expectSameCurve(got: number[], want: number[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((loss, i) => expect(Math.abs(loss - want[i]), `step ${i}: ${loss} vs ${want[i]}`).toBeLessThanOrEqual(1e-4 * Math.abs(want[i]) + 1e-6));
}

it('an MLP trained on webgpu follows the loss curve of the same MLP trained on cpu', async () => {
  const cpu = await train('cpu', false);
  const gpu = await train('webgpu', false);
  expect(cpu[STEPS - 1]).toBeLessThan(cpu[0] * 0.5);
  expectSameCurve(gpu, cpu);
});

it('the compiled training step follows the same curve on webgpu', async () => {
  const cpu = await train('cpu', false);
  const gpu = await train('webgpu', true);
  expectSameCurve(gpu, cpu);
});
