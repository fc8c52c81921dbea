import { modelBuilder } from '../builder/model-builder.js';
import type { ModelDocument } from '../document/model-document.js';

/** Linear regression on the synthetic y = x·w + b set: one Linear layer, MSE, SGD (d2l.ai §3). */
export function linearRegressionTemplate(): ModelDocument {
  const b = modelBuilder('Linear regression', 'One Linear layer fitted to y = 2·x₁ − 3.4·x₂ + 4.2 + noise with mean squared error and SGD.');
  const data = b.node('dataset', { name: 'linear-regression', samples: 1000, features: 2 }, {}, { id: 'data' });
  const y = b.layer('Linear', data.out('inputs'), { inFeatures: 2, outFeatures: 1 }, { id: 'linear' });
  b.optimizer(b.loss(y, data.out('targets'), 'mse'), { kind: 'sgd', lr: 0.03 });
  return b.training({ epochs: 3, batchSize: 10, seed: 0 }).build();
}
