import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface BlobsOptions {
  samples?: number;
  /** The number of clusters (and classes). */
  centers?: number;
  features?: number;
  /** Standard deviation of each cluster. */
  std?: number;
  /** Centers are drawn uniformly in [−box, box] per feature. */
  box?: number;
  seed?: number;
}

/** Gaussian clusters, one class each (scikit-learn's make_blobs). */
export function blobs({ samples = 300, centers = 3, features = 2, std = 1, box = 10, seed = 0 }: BlobsOptions = {}): Dataset {
  const random = new Random(seed);
  const middles = Array.from({ length: centers }, () => Array.from({ length: features }, () => (random.next() * 2 - 1) * box));
  const inputs = new Float32Array(samples * features);
  const targets = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = i % centers;
    for (let f = 0; f < features; f++) inputs[i * features + f] = middles[c][f] + random.normal() * std;
    targets[i] = c;
  }
  const classes = Array.from({ length: centers }, (_, c) => `blob ${c}`);
  return createDataset({ name: 'blobs', inputShape: [features], targetShape: [], classes }, inputs, targets);
}
