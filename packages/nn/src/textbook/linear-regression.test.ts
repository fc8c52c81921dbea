import { beforeAll, describe, expect, it } from 'vitest';
import { lastValueFrom } from 'rxjs';
import { linearRegression } from '@loom/data';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from '../layers/linear.js';
import { mse } from '../losses/mse.js';
import { SGD } from '../optim/sgd.js';
import { fit } from '../train/fit.js';

beforeAll(useCpu);

describe('linear regression by gradient descent (d2l.ai 3.2)', () => {
  it('recovers the true weights and bias within 1e-2', async () => {
    const data = linearRegression({ samples: 1000, weights: [2, -3.4], bias: 4.2, noise: 0.01, seed: 1 });
    const model = new Linear(2, 1, { seed: 1 });
    await lastValueFrom(fit(model, data, { loss: mse, optimizer: new SGD(model, { lr: 0.03 }), epochs: 3, batchSize: 10 }));
    const weights = Array.from(await model.weight.data());
    weights.forEach((w, i) => expect(Math.abs(w - data.trueWeights[i])).toBeLessThan(1e-2));
    expect(Math.abs((await model.bias!.item()) - data.trueBias)).toBeLessThan(1e-2);
  });
});
