import { modelBuilder } from '../builder/model-builder.js';
import type { ModelDocument } from '../document/model-document.js';

/** A small CNN on MNIST: conv(1→32, 3×3) → maxpool → conv(32→64, 3×3) → maxpool → dense(→10). */
export function cnnTemplate(): ModelDocument {
  const b = modelBuilder('CNN on MNIST', 'Two 3×3 convolutions with ReLU and 2×2 max pooling, then a dense layer to 10 classes.');
  const data = b.node('dataset', { name: 'mnist' }, {}, { id: 'data' });
  let x = b.layer('Conv2d', data.out('inputs'), { inChannels: 1, outChannels: 32, kernelSize: 3 }, { id: 'conv1' }); // [N, 32, 26, 26]
  x = b.layer('ReLU', x, {}, { id: 'relu1' });
  x = b.layer('MaxPool2d', x, { kernelSize: 2 }, { id: 'pool1' }); // [N, 32, 13, 13]
  x = b.layer('Conv2d', x, { inChannels: 32, outChannels: 64, kernelSize: 3 }, { id: 'conv2' }); // [N, 64, 11, 11]
  x = b.layer('ReLU', x, {}, { id: 'relu2' });
  x = b.layer('MaxPool2d', x, { kernelSize: 2 }, { id: 'pool2' }); // [N, 64, 5, 5]
  x = b.layer('Flatten', x, {}, { id: 'flatten' });
  x = b.layer('Linear', x, { inFeatures: 64 * 5 * 5, outFeatures: 10 }, { id: 'fc' });
  b.optimizer(b.loss(x, data.out('targets'), 'crossEntropy'), { kind: 'adam', lr: 0.001 });
  return b.training({ epochs: 1, batchSize: 64, seed: 0 }).build();
}
