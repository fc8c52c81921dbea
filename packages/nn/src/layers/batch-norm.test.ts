import { beforeAll, describe, expect, it } from 'vitest';
import { randn, tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { BatchNorm1d, BatchNorm2d } from './batch-norm.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';
import { SGD } from '../optim/sgd.js';

beforeAll(useCpu);

const columns = () =>
  tensor([
    [1, 10],
    [3, 20],
    [5, 60],
  ]);

describe('BatchNorm', () => {
  it('normalises each channel by its batch statistics in training', async () => {
    const out = (await new BatchNorm1d(2).forward(columns()).array()) as number[][];
    const firstChannel = out.map((row) => row[0]);
    expect(firstChannel.reduce((a, b) => a + b) / 3).toBeCloseTo(0, 5);
    expect(firstChannel[2]).toBeCloseTo(2 / Math.sqrt(8 / 3 + 1e-5), 4);
  });

  it('updates running statistics with the next optimizer step (momentum 0.1, unbiased variance)', async () => {
    const norm = new BatchNorm1d(2);
    const model = new Sequential(new Linear(2, 2), norm);
    const opt = new SGD(model, { lr: 0 });
    model.forward(columns()).sum().backward();
    expect(Array.from(await norm.runningMean!.data())).toEqual([0, 0]); // not yet: forward is lazy and pure
    const direct = new BatchNorm1d(2);
    direct.forward(columns());
    await direct.applyBufferUpdates();
    expect(Array.from(await direct.runningMean!.data()).map((v) => Number(v.toFixed(4)))).toEqual([0.3, 3]);
    // Unbiased variance of [1, 3, 5] is 4: 0.9 · 1 + 0.1 · 4.
    expect((await direct.runningVar!.data())[0]).toBeCloseTo(1.3, 5);
    await opt.step();
    expect((await norm.runningMean!.data())[0]).not.toBe(0);
  });

  it('uses the running statistics in evaluation mode', async () => {
    const norm = new BatchNorm2d(1).eval();
    const x = randn([2, 1, 3, 3], { seed: 1 });
    // Fresh running statistics (mean 0, var 1) leave the input unchanged up to eps.
    const [a, b] = [await norm.forward(x).data(), await x.data()];
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i] / Math.sqrt(1 + 1e-5), 5));
  });

  it('names the expected layout when given the wrong rank or channels', () => {
    expect(() => new BatchNorm2d(3).forward(randn([2, 3]))).toThrow(/BatchNorm2d: input \[2, 3\] must have rank 4 with 3 channels/);
  });
});
