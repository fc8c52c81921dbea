import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates/templates.js';
import { resolveDataset } from './resolve-dataset.js';

describe('resolveDataset', () => {
  it('makes in-package data from the node’s params', async () => {
    const doc = templateDocument('transformer');
    const { train, test } = await resolveDataset(doc);
    expect([train.size, train.inputShape, test]).toEqual([2000, [8], undefined]);
  });

  it('holds out training.validationSplit of a generated set for testing', async () => {
    const doc = { ...templateDocument('linear-regression'), training: { epochs: 1, batchSize: 8, validationSplit: 0.2 } };
    const { train, test } = await resolveDataset(doc);
    expect([train.size, test?.size]).toEqual([800, 200]);
  });

  it('asks the provider for MNIST, passing the sizes the node sets', async () => {
    const doc = templateDocument('mlp');
    doc.nodes[0].params.trainSize = 100;
    let asked: unknown;
    const fake = { name: 'fake', inputShape: [1, 28, 28], targetShape: [], size: 0, inputs: new Float32Array(), targets: new Int32Array() };
    await resolveDataset(doc, { mnist: (options) => ((asked = options), { train: fake, test: fake }) });
    expect(asked).toEqual({ normalization: 'standard', trainSize: 100 });
  });

  it('says where MNIST must come from when no provider has it', async () => {
    await expect(resolveDataset(templateDocument('cnn'))).rejects.toThrow(/DatasetProvider/);
  });
});
