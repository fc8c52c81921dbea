import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface XorOptions {
  samples?: number;
  /** Standard deviation of each point around its corner. */
  noise?: number;
  seed?: number;
}

/** Points around the four corners (±1, ±1), labelled 1 where the signs differ: the XOR problem. */
export function xor({ samples = 200, noise = 0.3, seed = 0 }: XorOptions = {}): Dataset {
  const random = new Random(seed);
  const inputs = new Float32Array(samples * 2);
  const targets = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const a = i % 2 === 0 ? 1 : -1;
    const b = Math.floor(i / 2) % 2 === 0 ? 1 : -1;
    inputs[2 * i] = a + random.normal() * noise;
    inputs[2 * i + 1] = b + random.normal() * noise;
    targets[i] = a === b ? 0 : 1;
  }
  return createDataset({ name: 'xor', inputShape: [2], targetShape: [], classes: ['same sign', 'different sign'] }, inputs, targets);
}
