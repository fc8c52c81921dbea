/** Datasets (MNIST, synthetic, text), batching, shuffling, normalisation. Environment-neutral. */
export { createDataset, subset, take, infoOf, gatherRows, elementsPerExample, type Dataset, type DatasetInfo, type ExampleArray } from './dataset.js';
export { parseIdx, encodeIdx, type IdxArray } from './idx.js';
export { permutation } from './shuffle.js';
export { splitDataset, type SplitOptions } from './split.js';
export { batches, batchCount, type Batch, type BatchOptions } from './batches.js';
export { inputStatistics, normalizeInputs, type Normalization } from './normalize.js';
export { mnistFromIdx, mnistMean, mnistStd, mnistClasses, type MnistFiles, type MnistOptions, type MnistNormalization } from './mnist/mnist.js';
export { spirals, type SpiralsOptions } from './synthetic/spirals.js';
export { circles, type CirclesOptions } from './synthetic/circles.js';
export { xor, type XorOptions } from './synthetic/xor.js';
export { blobs, type BlobsOptions } from './synthetic/blobs.js';
export { linearRegression, type LinearRegressionOptions, type LinearRegressionDataset } from './synthetic/linear-regression.js';
export { sine, type SineOptions } from './synthetic/sine.js';
export { reverseDigits, type ReverseDigitsOptions } from './synthetic/reverse-digits.js';
export { aliceText } from './text/alice.js';
export { CharVocabulary } from './text/char-vocabulary.js';
export { charSequences, type CharSequenceOptions, type CharSequenceDataset } from './text/char-sequences.js';
