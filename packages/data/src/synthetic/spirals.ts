import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface SpiralsOptions {
  /** Points per class. */
  pointsPerClass?: number;
  classes?: number;
  /** Standard deviation of the angle noise, in radians. */
  noise?: number;
  seed?: number;
}

/**
 * Interleaved 2-D spiral arms, one per class (the CS231n toy set): not linearly separable, so a
 * linear model fails and a small MLP succeeds.
 */
export function spirals({ pointsPerClass = 100, classes = 3, noise = 0.2, seed = 0 }: SpiralsOptions = {}): Dataset {
  const random = new Random(seed);
  const n = pointsPerClass * classes;
  const inputs = new Float32Array(n * 2);
  const targets = new Int32Array(n);
  for (let c = 0; c < classes; c++)
    for (let i = 0; i < pointsPerClass; i++) {
      const k = c * pointsPerClass + i;
      const radius = i / pointsPerClass;
      const angle = (c * 4 + (4 * i) / pointsPerClass) + random.normal() * noise;
      inputs[2 * k] = radius * Math.sin(angle);
      inputs[2 * k + 1] = radius * Math.cos(angle);
      targets[k] = c;
    }
  const names = Array.from({ length: classes }, (_, c) => `arm ${c}`);
  return createDataset({ name: 'spirals', inputShape: [2], targetShape: [], classes: names }, inputs, targets);
}
