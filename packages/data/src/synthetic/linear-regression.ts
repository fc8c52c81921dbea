import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface LinearRegressionOptions {
  samples?: number;
  /** The true weights; the input has one feature per weight. */
  weights?: readonly number[];
  bias?: number;
  /** Standard deviation of the Gaussian noise on each target. */
  noise?: number;
  seed?: number;
}

export interface LinearRegressionDataset extends Dataset {
  /** The weights and bias the targets were made with, for checking what a model learned. */
  readonly trueWeights: readonly number[];
  readonly trueBias: number;
}

/** y = x·w + b + noise with standard-normal x (the d2l.ai synthetic regression set). Targets are [1]. */
export function linearRegression({
  samples = 1000,
  weights = [2, -3.4],
  bias = 4.2,
  noise = 0.01,
  seed = 0,
}: LinearRegressionOptions = {}): LinearRegressionDataset {
  const random = new Random(seed);
  const d = weights.length;
  const inputs = new Float32Array(samples * d);
  const targets = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    let y = bias;
    for (let j = 0; j < d; j++) {
      const x = random.normal();
      inputs[i * d + j] = x;
      y += x * weights[j];
    }
    targets[i] = y + random.normal() * noise;
  }
  const dataset = createDataset({ name: 'linear regression', inputShape: [d], targetShape: [1] }, inputs, targets);
  return { ...dataset, trueWeights: [...weights], trueBias: bias };
}
