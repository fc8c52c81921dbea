import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface SineOptions {
  samples?: number;
  /** x is drawn uniformly from [−range, range]. */
  range?: number;
  noise?: number;
  seed?: number;
}

/** y = sin(x) + noise: a 1-D non-linear regression set. Inputs and targets are [1]. */
export function sine({ samples = 500, range = Math.PI, noise = 0.05, seed = 0 }: SineOptions = {}): Dataset {
  const random = new Random(seed);
  const inputs = new Float32Array(samples);
  const targets = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = (random.next() * 2 - 1) * range;
    inputs[i] = x;
    targets[i] = Math.sin(x) + random.normal() * noise;
  }
  return createDataset({ name: 'sine', inputShape: [1], targetShape: [1] }, inputs, targets);
}
