import { batched, datasetCatalog, datasetNames, type DatasetName } from '../datasets/dataset-catalog.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';

/** The sets made from a seed and a sample count (MNIST and the Alice text are fixed). */
const generated = ['spirals', 'circles', 'xor', 'blobs', 'linear-regression', 'sine', 'reverse-digits'] satisfies DatasetName[];
const when = (...names: DatasetName[]) => ({ param: 'name', oneOf: names });

/** A dataset: its inputs and targets as batches. The types come from the dataset. */
export const datasetNode = defineNodeType({
  type: 'dataset',
  category: 'data',
  title: 'Dataset',
  description:
    'Training data as batches: inputs and targets. MNIST inputs are [N, 1, 28, 28] float32 with int32 [N] labels; text and digit sequences are int32 [N, T].',
  inputs: [],
  outputs: [
    { name: 'inputs', title: 'Inputs', dtype: 'any' },
    { name: 'targets', title: 'Targets', dtype: 'any' },
  ],
  params: [
    param.choice('name', datasetNames, 'mnist', 'Which dataset.'),
    param.int('samples', 1000, 'Examples to generate (synthetic sets).', { min: 1, max: 1_000_000, appliesWhen: when(...generated) }),
    param.int('features', 2, 'Input features (blobs, linear-regression).', { min: 1, max: 4096, appliesWhen: when('blobs', 'linear-regression') }),
    param.int('classes', 3, 'Classes (spirals, blobs).', { min: 2, max: 100, appliesWhen: when('spirals', 'blobs') }),
    param.int('sequenceLength', 32, 'Tokens per example (alice-text, reverse-digits).', { min: 2, max: 4096, appliesWhen: when('alice-text', 'reverse-digits') }),
    param.int('trainSize', 0, 'MNIST training examples to use; 0 means all 60,000.', { min: 0, max: 60_000, appliesWhen: when('mnist') }),
    param.int('testSize', 0, 'MNIST test examples to use; 0 means all 10,000.', { min: 0, max: 10_000, appliesWhen: when('mnist') }),
    param.choice('normalization', ['standard', 'unit'], 'standard', 'MNIST pixels: standardised with its mean/std, or scaled to [0, 1].', { appliesWhen: when('mnist') }),
    param.int('seed', 0, 'Seed for generating synthetic data.', { min: 0, appliesWhen: when(...generated) }),
  ],
  inferShapes(_, params) {
    const { inputs, targets } = datasetCatalog[params.name].describe(params);
    return { inputs: batched(inputs), targets: batched(targets) };
  },
});
