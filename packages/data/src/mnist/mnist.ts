import { createDataset, type Dataset } from '../dataset.js';
import { parseIdx } from '../idx.js';

/** The four IDX files of MNIST, as bytes. */
export interface MnistFiles {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/**
 * How pixel bytes become inputs: 'standard' maps 0..255 to [0, 1] and then subtracts MNIST's
 * mean (0.1307) and divides by its std (0.3081), as the PyTorch examples do; 'unit' stops at [0, 1].
 */
export type MnistNormalization = 'standard' | 'unit';

export interface MnistOptions {
  normalization?: MnistNormalization;
  /** Keep only the first n training digits (the whole 60,000 by default). */
  trainSize?: number;
  /** Keep only the first n test digits (the whole 10,000 by default). */
  testSize?: number;
}

export const mnistMean = 0.1307;
export const mnistStd = 0.3081;
export const mnistClasses: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** MNIST's canonical train (60,000) and test (10,000) digits, as [1, 28, 28] images with int32 labels. */
export function mnistFromIdx(files: MnistFiles, options: MnistOptions = {}): { train: Dataset; test: Dataset } {
  return {
    train: mnistSplit('mnist (train)', files.trainImages, files.trainLabels, options.trainSize, options),
    test: mnistSplit('mnist (test)', files.testImages, files.testLabels, options.testSize, options),
  };
}

function mnistSplit(name: string, imageBytes: Uint8Array, labelBytes: Uint8Array, limit: number | undefined, options: MnistOptions): Dataset {
  const images = parseIdx(imageBytes);
  const labels = parseIdx(labelBytes);
  if (images.shape.length !== 3 || !(images.data instanceof Uint8Array))
    throw new Error(`${name}: expected uint8 images [n, rows, cols], got shape [${images.shape.join(', ')}]`);
  if (labels.shape.length !== 1 || labels.shape[0] !== images.shape[0])
    throw new Error(`${name}: ${images.shape[0]} images but labels of shape [${labels.shape.join(', ')}]`);
  const [total, rows, cols] = images.shape;
  const n = Math.min(limit ?? total, total);
  const pixels = images.data.subarray(0, n * rows * cols);
  const [scale, shift] = options.normalization === 'unit' ? [1 / 255, 0] : [1 / (255 * mnistStd), mnistMean / mnistStd];
  const inputs = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) inputs[i] = pixels[i] * scale - shift;
  const targets = Int32Array.from(labels.data.subarray(0, n));
  return createDataset({ name, inputShape: [1, rows, cols], targetShape: [], classes: mnistClasses }, inputs, targets);
}
