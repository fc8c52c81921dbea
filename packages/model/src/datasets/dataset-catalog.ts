import { aliceText, blobs, charSequences, circles, CharVocabulary, linearRegression, reverseDigits, sine, spirals, xor, type Dataset } from '@loom/data';
import { batchDim, type TensorType } from '../analysis/tensor-type.js';

/** The datasets a dataset node can name. */
export const datasetNames = ['mnist', 'spirals', 'circles', 'xor', 'blobs', 'linear-regression', 'sine', 'alice-text', 'reverse-digits'] as const;
/** One of `datasetNames`. */
export type DatasetName = (typeof datasetNames)[number];

/** A dataset node's params, resolved. */
export interface DatasetParams {
  name: DatasetName;
  samples: number;
  features: number;
  classes: number;
  sequenceLength: number;
  trainSize: number;
  testSize: number;
  normalization: 'standard' | 'unit';
  seed: number;
}

/** What one dataset provides, known without loading it. */
export interface DatasetEntry {
  title: string;
  /** Per-example input and target types (without the batch axis) and the class count for classification. */
  describe(params: DatasetParams): { inputs: TensorType; targets: TensorType; classes?: number };
  /** Makes the data in-package (everything but MNIST, whose bytes come from a DatasetProvider). */
  make?(params: DatasetParams): Dataset;
}

let aliceVocabulary: CharVocabulary | undefined;
/** The character vocabulary of the shipped Alice text (computed once). */
export function aliceVocabularySize(): number {
  aliceVocabulary ??= CharVocabulary.fromText(aliceText);
  return aliceVocabulary.size;
}

const f32 = (...shape: number[]): TensorType => ({ dtype: 'float32', shape });
const i32 = (...shape: number[]): TensorType => ({ dtype: 'int32', shape });

function regressionWeights(features: number): number[] {
  return features === 2 ? [2, -3.4] : Array.from({ length: features }, (_, i) => (i % 2 ? -1 : 1) * (1 + i / 2));
}

/** Every dataset by name: its types and, for in-package sets, how to make it. */
export const datasetCatalog: Readonly<Record<DatasetName, DatasetEntry>> = {
  mnist: {
    title: 'MNIST digits (28×28 grey images, 10 classes)',
    describe: () => ({ inputs: f32(1, 28, 28), targets: i32(), classes: 10 }),
  },
  spirals: {
    title: 'Interleaved spirals (2-D points)',
    describe: ({ classes }) => ({ inputs: f32(2), targets: i32(), classes }),
    make: ({ samples, classes, seed }) => spirals({ pointsPerClass: Math.max(1, Math.round(samples / classes)), classes, seed }),
  },
  circles: {
    title: 'Two concentric circles (2-D points)',
    describe: () => ({ inputs: f32(2), targets: i32(), classes: 2 }),
    make: ({ samples, seed }) => circles({ samples, seed }),
  },
  xor: {
    title: 'XOR quadrants (2-D points)',
    describe: () => ({ inputs: f32(2), targets: i32(), classes: 2 }),
    make: ({ samples, seed }) => xor({ samples, seed }),
  },
  blobs: {
    title: 'Gaussian blobs',
    describe: ({ features, classes }) => ({ inputs: f32(features), targets: i32(), classes }),
    make: ({ samples, features, classes, seed }) => blobs({ samples, features, centers: classes, seed }),
  },
  'linear-regression': {
    title: 'Noisy linear regression y = x·w + b',
    describe: ({ features }) => ({ inputs: f32(features), targets: f32(1) }),
    make: ({ samples, features, seed }) => linearRegression({ samples, weights: regressionWeights(features), seed }),
  },
  sine: {
    title: 'Noisy sine wave',
    describe: () => ({ inputs: f32(1), targets: f32(1) }),
    make: ({ samples, seed }) => sine({ samples, seed }),
  },
  'alice-text': {
    title: 'Alice in Wonderland, next-character windows',
    describe: ({ sequenceLength }) => ({ inputs: i32(sequenceLength), targets: i32(sequenceLength), classes: aliceVocabularySize() }),
    make: ({ sequenceLength }) => charSequences(aliceText, { sequenceLength }),
  },
  'reverse-digits': {
    title: 'Reverse a sequence of digits',
    describe: ({ sequenceLength }) => ({ inputs: i32(sequenceLength), targets: i32(sequenceLength), classes: 10 }),
    make: ({ samples, sequenceLength, seed }) => reverseDigits({ samples, length: sequenceLength, seed }),
  },
};

/** Adds the batch axis to a per-example type. */
export function batched(type: TensorType): TensorType {
  return { dtype: type.dtype, shape: [batchDim, ...type.shape] };
}

/** Reads a dataset node's resolved params (defaults filled) as DatasetParams, checking each field. */
export function datasetParamsOf(params: Readonly<Record<string, unknown>>): DatasetParams {
  const int = (key: keyof DatasetParams): number => {
    const value = params[key];
    if (typeof value !== 'number') throw new Error(`dataset: param "${key}" must be a number, got ${JSON.stringify(value)}`);
    return value;
  };
  const name = datasetNames.find((n) => n === params.name);
  if (!name) throw new Error(`dataset: unknown dataset ${JSON.stringify(params.name)}`);
  const normalization = params.normalization === 'unit' ? 'unit' : 'standard';
  return {
    name,
    samples: int('samples'),
    features: int('features'),
    classes: int('classes'),
    sequenceLength: int('sequenceLength'),
    trainSize: int('trainSize'),
    testSize: int('testSize'),
    normalization,
    seed: int('seed'),
  };
}
