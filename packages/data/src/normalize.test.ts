import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';
import { inputStatistics, normalizeInputs } from './normalize.js';

describe('normalizeInputs', () => {
  const data = createDataset({ name: 'd', inputShape: [2], targetShape: [1] }, Float32Array.of(1, 3, 5, 7), Float32Array.of(0, 1));

  it('gives inputs zero mean and unit standard deviation', () => {
    const stats = inputStatistics(normalizeInputs(data));
    expect(stats.mean).toBeCloseTo(0, 6);
    expect(stats.std).toBeCloseTo(1, 6);
  });

  it('applies given statistics (a test set uses the training set’s)', () => {
    expect(Array.from(normalizeInputs(data, { mean: 1, std: 2 }).inputs)).toEqual([0, 1, 2, 3]);
  });
});
