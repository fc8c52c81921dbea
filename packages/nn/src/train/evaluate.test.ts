import { beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '@loom/graph';
import { createDataset, take, xor } from '@loom/data';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from '../layers/linear.js';
import { Dropout } from '../layers/dropout.js';
import { Sequential } from '../layers/sequential.js';
import { crossEntropy } from '../losses/cross-entropy.js';
import { mse } from '../losses/mse.js';
import { evaluate, predict } from './evaluate.js';

beforeAll(useCpu);

describe('evaluate and predict', () => {
  it('evaluate gives the mean loss over examples and the accuracy of argmax predictions', async () => {
    // A fixed model: logit 1 = x₀, logit 0 = 0, so it predicts class 1 when x₀ > 0.
    const model = new Linear(2, 2, { bias: false });
    await model.loadStateDict({ weight: tensor([[0, 0], [1, 0]]) });
    const data = createDataset({ name: 'd', inputShape: [2], targetShape: [], classes: ['0', '1'] }, Float32Array.of(2, 0, -1, 0, 3, 0), Int32Array.of(1, 1, 0));
    const { loss, accuracy, examples } = await evaluate(model, data, { loss: crossEntropy, batchSize: 2 });
    const nll = (z: number, label: number) => Math.log(1 + Math.exp(z)) - (label === 1 ? z : 0);
    expect(loss).toBeCloseTo((nll(2, 1) + nll(-1, 1) + nll(3, 0)) / 3, 5);
    expect(accuracy).toBeCloseTo(1 / 3, 6);
    expect(examples).toBe(3);
  });

  it('evaluate reports no accuracy for regression', async () => {
    const data = createDataset({ name: 'r', inputShape: [1], targetShape: [1] }, Float32Array.of(1, 2), Float32Array.of(1, 2));
    expect((await evaluate(new Linear(1, 1), data, { loss: mse })).accuracy).toBeUndefined();
  });

  it('predict runs in evaluation mode (no dropout) and restores training mode', async () => {
    const model = new Sequential(new Dropout(0.9), new Linear(2, 2, { seed: 1 }));
    const data = take(xor({ samples: 10 }), 10);
    const out = await predict(model, data, { batchSize: 4 });
    expect(out.shape).toEqual([10, 2]);
    expect(await out.data()).toEqual(await (await predict(model, data)).data());
    expect(model.training).toBe(true);
  });
});
