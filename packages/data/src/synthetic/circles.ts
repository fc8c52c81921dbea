import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface CirclesOptions {
  samples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate. */
  noise?: number;
  /** Inner radius as a fraction of the outer (which is 1). */
  factor?: number;
  seed?: number;
}

/** Two concentric circles (scikit-learn's make_circles): label 0 outer, 1 inner. */
export function circles({ samples = 200, noise = 0.05, factor = 0.5, seed = 0 }: CirclesOptions = {}): Dataset {
  if (!(factor > 0 && factor < 1)) throw new Error(`circles: factor must be in (0, 1), got ${factor}`);
  const random = new Random(seed);
  const inputs = new Float32Array(samples * 2);
  const targets = new Int32Array(samples);
  const outer = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const inner = i >= outer;
    const count = inner ? samples - outer : outer;
    const angle = (2 * Math.PI * (inner ? i - outer : i)) / count;
    const radius = inner ? factor : 1;
    inputs[2 * i] = radius * Math.cos(angle) + random.normal() * noise;
    inputs[2 * i + 1] = radius * Math.sin(angle) + random.normal() * noise;
    targets[i] = inner ? 1 : 0;
  }
  return createDataset({ name: 'circles', inputShape: [2], targetShape: [], classes: ['outer', 'inner'] }, inputs, targets);
}
