import { modelBuilder } from '../builder/model-builder.js';
import type { ModelDocument } from '../document/model-document.js';

/** The textbook MLP on MNIST: 784-128-64-10 with ReLU, cross-entropy and Adam. */
export function mlpTemplate(): ModelDocument {
  const b = modelBuilder('MLP on MNIST', 'A multilayer perceptron 784 → 128 → 64 → 10 with ReLU activations, trained with cross-entropy and Adam.');
  const data = b.node('dataset', { name: 'mnist' }, {}, { id: 'data' });
  let x = b.layer('Flatten', data.out('inputs'), {}, { id: 'flatten' });
  x = b.layer('Linear', x, { inFeatures: 784, outFeatures: 128 }, { id: 'fc1' });
  x = b.layer('ReLU', x, {}, { id: 'relu1' });
  x = b.layer('Linear', x, { inFeatures: 128, outFeatures: 64 }, { id: 'fc2' });
  x = b.layer('ReLU', x, {}, { id: 'relu2' });
  x = b.layer('Linear', x, { inFeatures: 64, outFeatures: 10 }, { id: 'fc3' });
  b.optimizer(b.loss(x, data.out('targets'), 'crossEntropy'), { kind: 'adam', lr: 0.001 });
  return b.training({ epochs: 2, batchSize: 64, seed: 0 }).build();
}
